package dev.tracegate.bench;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.semconv.HttpAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor: the bare OpenTelemetry SDK doing the same work as the filter pair (extract, SERVER
 * span start and end, CLIENT span start, inject, end), with no JAX-RS: {@link #extractSpanInject}
 * with no attributes, {@link #extractSpanInjectWithAttributes} with the HTTP conventions'
 * attributes the filter pair records (constant values, so nothing is read from a request).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SdkFloorBenchmark {
  @Param({"present", "absent"})
  public String traceparent;

  @Param({"100", "0"})
  public String sampling;

  private OpenTelemetrySdk sdk;
  private Tracer tracer;
  private TextMapPropagator propagator;
  private Map<String, String> incoming;

  @Setup(Level.Trial)
  public void setUp() {
    sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(
                () ->
                    Map.of(
                        "otel.traces.exporter",
                        "noop",
                        "otel.metrics.exporter",
                        "none",
                        "otel.logs.exporter",
                        "none",
                        "otel.traces.sampler",
                        "parentbased_traceidratio",
                        "otel.traces.sampler.arg",
                        Double.toString(Integer.parseInt(sampling) / 100.0),
                        "otel.bsp.max.queue.size",
                        "65536"))
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    tracer = sdk.getTracer("floor");
    propagator = sdk.getPropagators().getTextMapPropagator();
    incoming =
        traceparent.equals("present")
            ? Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            : Map.of();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public Object extractSpanInject() {
    Context parent = propagator.extract(Context.root(), incoming, FloorSpans.MAP_GETTER);
    Span server =
        tracer
            .spanBuilder("GET /shop/api/orders/{id}")
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .startSpan();
    Map<String, String> outbound = new HashMap<>();
    try (Scope scope = server.makeCurrent()) {
      Span client = tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT).startSpan();
      propagator.inject(Context.current().with(client), outbound, Map::put);
      client.end();
    }
    server.end();
    return outbound;
  }

  @Benchmark
  public Object extractSpanInjectWithAttributes() {
    Context parent = propagator.extract(Context.root(), incoming, FloorSpans.MAP_GETTER);
    Span server = FloorSpans.startServer(tracer, parent);
    Map<String, String> outbound = new HashMap<>();
    try (Scope scope = server.makeCurrent()) {
      Span client = FloorSpans.startClient(tracer);
      propagator.inject(Context.current().with(client), outbound, Map::put);
      client.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
      client.end();
    }
    FloorSpans.endServer(server);
    return outbound;
  }
}
