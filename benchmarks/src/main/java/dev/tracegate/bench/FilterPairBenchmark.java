package dev.tracegate.bench;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.jaxrs.ClientTracingFilter;
import dev.tracegate.internal.jaxrs.ServerTracingFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One traced request through Tracegate's filter pair, as a JAX-RS server runs it: the server
 * request filter, one outbound call (client request and response filters), the server response
 * filter. The spans go to a batch processor with a no-op exporter. {@link #requestObjectsOnly}
 * measures the request objects the benchmark itself allocates, to subtract from the others.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterPairBenchmark {
  private static final URI BASE = URI.create("http://127.0.0.1:9080/shop/api/");
  private static final URI REQUEST = URI.create("http://127.0.0.1:9080/shop/api/orders/42");
  private static final URI DOWNSTREAM = URI.create("http://127.0.0.1:9081/payments/verify");
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Param({"present", "absent"})
  public String traceparent;

  @Param({"100", "0"})
  public String sampling;

  private ApplicationTracing tracing;
  private ServerTracingFilter server;
  private ClientTracingFilter client;
  private JaxRsContexts.FixedUriInfo uriInfo;

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
    tracing =
        BenchmarkTracing.start(
            Map.of(
                "tracing.random_sampling", sampling,
                "otel.traces.exporter", "noop",
                "otel.bsp.max.queue.size", "65536"));
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
    // What the filter would find through CDI in a server: this application's tracing.
    Class<?> cachedType = Class.forName(ServerTracingFilter.class.getName() + "$CachedTracing");
    Constructor<?> cached = cachedType.getDeclaredConstructors()[0];
    cached.setAccessible(true);
    inject(
        server,
        "cached",
        cached.newInstance(Thread.currentThread().getContextClassLoader(), tracing));
    uriInfo = new JaxRsContexts.FixedUriInfo(REQUEST, BASE);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    BenchmarkTracing.shutdown(tracing);
  }

  @Benchmark
  public Object filterPair() {
    JaxRsContexts.ServerRequestContext request =
        new JaxRsContexts.ServerRequestContext("GET", uriInfo);
    request.headers.add("Host", "127.0.0.1:9080");
    if (traceparent.equals("present")) {
      request.headers.add("traceparent", TRACEPARENT);
    }
    server.filter(request);
    JaxRsContexts.OutboundRequestContext outbound =
        new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM);
    client.filter(outbound);
    client.filter(outbound, new JaxRsContexts.OutboundResponseContext(200));
    server.filter(request, new JaxRsContexts.ServerResponseContext(200));
    return outbound.headers.getFirst("traceparent");
  }

  @Benchmark
  public Object requestObjectsOnly() {
    JaxRsContexts.ServerRequestContext request =
        new JaxRsContexts.ServerRequestContext("GET", uriInfo);
    request.headers.add("Host", "127.0.0.1:9080");
    if (traceparent.equals("present")) {
      request.headers.add("traceparent", TRACEPARENT);
    }
    JaxRsContexts.OutboundRequestContext outbound =
        new JaxRsContexts.OutboundRequestContext("POST", DOWNSTREAM);
    return new Object[] {
      request,
      outbound,
      new JaxRsContexts.OutboundResponseContext(200),
      new JaxRsContexts.ServerResponseContext(200)
    };
  }

  private static void inject(Object target, String field, Object value)
      throws ReflectiveOperationException {
    Field f = target.getClass().getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }
}
