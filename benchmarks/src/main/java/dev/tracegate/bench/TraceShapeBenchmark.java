package dev.tracegate.bench;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.genai.Agent;
import dev.tracegate.internal.genai.AgentSpan;
import dev.tracegate.internal.genai.GenAiAttributes;
import dev.tracegate.internal.jaxrs.ClientTracingFilter;
import dev.tracegate.internal.jaxrs.ServerTracingFilter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.semconv.HttpAttributes;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a request as its trace grows: {@code spans} spans per request (the SERVER span plus
 * {@code spans - 1} CLIENT calls, or {@code @InvokeAgent} spans), with small propagation headers or
 * the largest the limits let through (32 {@code tracestate} members in 511 characters, 180 {@code
 * baggage} members in 7,919 bytes; docs/fuzzing.md), which every outbound call forwards. {@link
 * #tracegate} runs Tracegate's real filters and agent span; {@link #sdkFloor} the bare
 * OpenTelemetry SDK doing the same work (extract, the same spans with the same attributes, inject
 * on every call through the same JAX-RS objects), in the same run, with the same batch processor
 * and no-op exporter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceShapeBenchmark {
  private static final URI BASE = URI.create("http://127.0.0.1:9080/shop/api/");
  private static final URI REQUEST = URI.create("http://127.0.0.1:9080/shop/api/orders/42");
  private static final URI DOWNSTREAM = URI.create("http://127.0.0.1:9081/payments/verify");
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final Agent AGENT = new Agent("billing", "billing-1", "", "openai");

  private static final String FLOOR_SPAN = "floor.span";
  private static final TextMapSetter<ClientRequestContext> FLOOR_HEADERS =
      (request, name, value) -> request.getHeaders().putSingle(name, value);

  @Param({"1", "10", "100"})
  public int spans;

  /**
   * What the spans after the SERVER span are: outbound JAX-RS Client calls or agent invocations.
   */
  @Param({"client", "agent"})
  public String shape;

  /**
   * {@code small}: a traceparent only; {@code largest}: plus the largest tracestate and baggage
   * forwarded.
   */
  @Param({"small", "largest"})
  public String headers;

  private ApplicationTracing tracing;
  private ServerTracingFilter server;
  private ClientTracingFilter client;
  private Tracer agentTracer;
  private JaxRsContexts.FixedUriInfo uriInfo;
  private Map<String, String> incoming;

  private OpenTelemetrySdk floorSdk;
  private Tracer floorTracer;
  private TextMapPropagator floorPropagator;

  @ApplicationPath("/api")
  public static class ShopApplication extends Application {}

  @Path("/orders")
  public static class Orders {
    @GET
    @Path("/{id}")
    public String order() {
      return "";
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    // The same batch processor for both: a queue that 100 spans a request at full speed does not
    // overflow.
    Map<String, String> export =
        Map.of(
            "otel.traces.exporter",
            "noop",
            "otel.bsp.max.queue.size",
            "262144",
            "otel.bsp.max.export.batch.size",
            "2048");
    Map<String, String> configuration = new HashMap<>(export);
    configuration.put("tracing.random_sampling", "100");
    tracing = BenchmarkTracing.start(configuration);
    server = new ServerTracingFilter();
    client = new ClientTracingFilter();
    inject(
        server,
        "resourceInfo",
        new ResourceInfo() {
          @Override
          public Method getResourceMethod() {
            try {
              return Orders.class.getMethod("order");
            } catch (NoSuchMethodException e) {
              throw new IllegalStateException(e);
            }
          }

          @Override
          public Class<?> getResourceClass() {
            return Orders.class;
          }
        });
    inject(server, "application", new ShopApplication());
    Class<?> cachedType = Class.forName(ServerTracingFilter.class.getName() + "$CachedTracing");
    Constructor<?> cached = cachedType.getDeclaredConstructors()[0];
    cached.setAccessible(true);
    inject(
        server,
        "cached",
        cached.newInstance(Thread.currentThread().getContextClassLoader(), tracing));
    agentTracer = tracing.tracer("dev.tracegate");
    uriInfo = new JaxRsContexts.FixedUriInfo(REQUEST, BASE);

    incoming = new LinkedHashMap<>();
    incoming.put("traceparent", TRACEPARENT);
    if (headers.equals("largest")) {
      incoming.put("tracestate", largestTracestate());
      incoming.put("baggage", largestBaggage());
    }

    Map<String, String> floor = new HashMap<>(export);
    floor.put("otel.metrics.exporter", "none");
    floor.put("otel.logs.exporter", "none");
    floorSdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> floor)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    floorTracer = floorSdk.getTracer("floor");
    floorPropagator = floorSdk.getPropagators().getTextMapPropagator();
  }

  /** 32 members, 511 characters: the most a sent {@code tracestate} may hold. */
  static String largestTracestate() {
    StringJoiner members = new StringJoiner(",");
    for (int i = 0; i < 32; i++) {
      members.add(String.format("t%02d=abcdefghijk", i));
    }
    return members.toString();
  }

  /**
   * 180 members, 7,919 bytes: the most members a sent {@code baggage} may hold, near its 8,192
   * bytes.
   */
  static String largestBaggage() {
    StringJoiner members = new StringJoiner(",");
    for (int i = 0; i < 180; i++) {
      members.add(String.format("k%03d=%s", i, "v".repeat(38)));
    }
    return members.toString();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    BenchmarkTracing.shutdown(tracing);
    floorSdk.shutdown().join(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public Object tracegate() throws Exception {
    JaxRsContexts.ServerRequestContext request =
        new JaxRsContexts.ServerRequestContext("GET", uriInfo);
    request.headers.add("Host", "127.0.0.1:9080");
    incoming.forEach(request.headers::add);
    server.filter(request);
    Object last = null;
    for (int i = 1; i < spans; i++) {
      if (shape.equals("client")) {
        JaxRsContexts.OutboundRequestContext outbound =
            new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM);
        client.filter(outbound);
        client.filter(outbound, new JaxRsContexts.OutboundResponseContext(200));
        last = outbound.headers.getFirst("traceparent");
      } else {
        last = AgentSpan.around(agentTracer, AGENT, Context.current(), () -> "answer");
      }
    }
    server.filter(request, new JaxRsContexts.ServerResponseContext(200));
    return last;
  }

  @Benchmark
  public Object sdkFloor() {
    Context parent = floorPropagator.extract(Context.root(), incoming, FloorSpans.MAP_GETTER);
    Span span = FloorSpans.startServer(floorTracer, parent);
    Object last = null;
    try (io.opentelemetry.context.Scope scope = parent.with(span).makeCurrent()) {
      for (int i = 1; i < spans; i++) {
        if (shape.equals("client")) {
          last = floorCall();
        } else {
          Span agent =
              floorTracer
                  .spanBuilder(AGENT.spanName())
                  .setSpanKind(SpanKind.INTERNAL)
                  .setAttribute(GenAiAttributes.GEN_AI_OPERATION_NAME, GenAiAttributes.INVOKE_AGENT)
                  .setAttribute(GenAiAttributes.GEN_AI_AGENT_NAME, AGENT.name())
                  .setAttribute(GenAiAttributes.GEN_AI_AGENT_ID, AGENT.id())
                  .setAttribute(GenAiAttributes.GEN_AI_PROVIDER_NAME, AGENT.provider())
                  .startSpan();
          try (io.opentelemetry.context.Scope inner = Context.current().with(agent).makeCurrent()) {
            last = "answer";
          }
          agent.end();
        }
      }
    }
    FloorSpans.endServer(span);
    return last;
  }

  /**
   * One outbound call as a client filter pair on the bare SDK makes it: through the same JAX-RS
   * request and response objects as {@link #tracegate}'s calls, since any filter writes its headers
   * into the request's header map and hands its span to the response filter in a request property.
   */
  private Object floorCall() {
    JaxRsContexts.OutboundRequestContext outbound =
        new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM);
    Span call = FloorSpans.startClient(floorTracer);
    floorPropagator.inject(Context.current().with(call), outbound, FLOOR_HEADERS);
    outbound.setProperty(FLOOR_SPAN, call);

    ClientResponseContext response = new JaxRsContexts.OutboundResponseContext(200);
    Span sent = (Span) outbound.getProperty(FLOOR_SPAN);
    sent.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.getStatus());
    sent.end();
    return outbound.headers.getFirst("traceparent");
  }

  private static void inject(Object target, String field, Object value)
      throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }
}
