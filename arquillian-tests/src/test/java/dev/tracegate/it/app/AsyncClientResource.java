package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Async JAX-RS Client calls as applications make them, with no tracing code: each endpoint calls
 * {@code to} (an echo endpoint) with {@code async()} and answers what the echo saw, the thread the
 * call's filters ran on and what that thread had of the trace ({@code call-thread=}, {@code
 * call-trace=}, {@code call-log-trace=}), and the request's own thread ({@code request-thread=}).
 */
@Path("/async-client")
@Produces(MediaType.TEXT_PLAIN)
public class AsyncClientResource {

  /** A {@code ClientBuilder.newClient()} client: the server chooses the executor. */
  @GET
  @Path("/default")
  public String onTheServersExecutor(@QueryParam("to") String to) throws Exception {
    return asyncGet(ClientBuilder.newClient(), to);
  }

  /**
   * A client with an executor of the application's own, one thread: after the call, a task run
   * directly on that thread reports what the thread still has of the trace ({@code after-trace=},
   * {@code after-log-trace=}). The thread inherits no thread locals from the request thread that
   * starts it: WildFly's MDC is inheritable, and a copy of the request's would look like a
   * leftover.
   */
  @GET
  @Path("/own-executor")
  public String onItsOwnExecutor(@QueryParam("to") String to) throws Exception {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> new Thread(null, task, "application-worker", 0, false));
    try {
      String answer = asyncGet(ClientBuilder.newBuilder().executorService(executor).build(), to);
      return answer
          + executor
              .submit(() -> "after-trace=" + currentTraceId() + "\nafter-log-trace=" + logTraceId())
              .get(30, TimeUnit.SECONDS)
          + "\n";
    } finally {
      executor.shutdownNow();
    }
  }

  private static String asyncGet(Client client, String to) throws Exception {
    CallThread callThread = new CallThread();
    try {
      return client
              .register(callThread)
              .target(to)
              .request()
              .async()
              .get(String.class)
              .get(30, TimeUnit.SECONDS)
          + callThread.report
          + "request-thread="
          + Thread.currentThread().getName()
          + "\n";
    } finally {
      client.close();
    }
  }

  /** What the thread that sends the call has of the trace, as application code sees it. */
  private static final class CallThread implements ClientRequestFilter {
    private volatile String report = "call-thread=none\n";

    @Override
    public void filter(ClientRequestContext request) {
      report =
          "call-thread="
              + Thread.currentThread().getName()
              + "\ncall-trace="
              + currentTraceId()
              + "\ncall-log-trace="
              + logTraceId()
              + "\n";
    }
  }

  private static String currentTraceId() {
    io.opentelemetry.api.trace.SpanContext span =
        io.opentelemetry.api.trace.Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : "none";
  }

  private static String logTraceId() {
    return LogFieldsResource.traceIdField();
  }
}
