package dev.tracegate.bench;

import dev.tracegate.internal.client.ClientCall;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one outbound call of {@link TraceShapeBenchmark} allocates outside Tracegate and the SDK:
 * the JAX-RS request and response objects the client filters are handed, with what a tracing filter
 * writes into them ({@code traceparent}, and a request property to find the call again in the
 * response filter), against the floor's header map. Subtracted from the per-call cost, it leaves
 * what Tracegate's own code allocates beyond the bare SDK.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class OutboundCallObjectsBenchmark {
  private static final URI DOWNSTREAM = URI.create("http://127.0.0.1:9081/payments/verify");
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** The request and response objects, as JAX-RS hands them to any client filter. */
  @Benchmark
  public void requestObjects(Blackhole sink) {
    sink.consume(new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM));
    sink.consume(new JaxRsContexts.OutboundResponseContext(200));
  }

  /** Plus the {@code traceparent} header, as any filter writing a header pays. */
  @Benchmark
  public void withHeader(Blackhole sink) {
    JaxRsContexts.OutboundRequestContext request =
        new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM);
    request.getHeaders().putSingle("traceparent", TRACEPARENT);
    sink.consume(request);
    sink.consume(new JaxRsContexts.OutboundResponseContext(200));
  }

  /** Plus the request property that carries the call from the request to the response filter. */
  @Benchmark
  public void withHeaderAndProperty(Blackhole sink) {
    JaxRsContexts.OutboundRequestContext request =
        new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM);
    request.getHeaders().putSingle("traceparent", TRACEPARENT);
    request.setProperty(ClientCall.PROPERTY, DOWNSTREAM);
    sink.consume(request);
    sink.consume(new JaxRsContexts.OutboundResponseContext(200));
  }

  /** What {@link TraceShapeBenchmark#sdkFloor} has in their place: a map of headers. */
  @Benchmark
  public void floorHeaders(Blackhole sink) {
    Map<String, String> headers = new HashMap<>();
    headers.put("traceparent", TRACEPARENT);
    sink.consume(headers);
  }
}
