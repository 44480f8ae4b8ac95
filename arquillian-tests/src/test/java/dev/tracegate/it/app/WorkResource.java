package dev.tracegate.it.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * An application that hands its work to other threads the Jakarta Concurrency way, with no tracing
 * code: each endpoint calls {@code to} (an echo endpoint) from a task and answers what the echo
 * saw, plus what the task saw of the trace ({@code task-trace=}) and of the server's log fields
 * ({@code task-log-trace=}: Liberty's, WildFly's MDC). A CDI bean, as an application that injects
 * resources into a JAX-RS resource on WildFly needs: WildFly injects them only in a CDI deployment,
 * and with Tracegate as a global module the WAR has no bean archive of its own otherwise.
 */
@ContextServiceDefinition(name = "java:app/concurrent/AllContext")
@ContextServiceDefinition(name = "java:app/concurrent/NoTraceContext", cleared = "Tracegate")
@ContextServiceDefinition(
    name = "java:app/concurrent/TraceUnchangedContext",
    unchanged = "Tracegate")
@ManagedExecutorDefinition(
    name = "java:app/concurrent/Executor",
    context = "java:app/concurrent/AllContext")
@ManagedExecutorDefinition(
    name = "java:app/concurrent/NoTraceExecutor",
    context = "java:app/concurrent/NoTraceContext")
@ManagedExecutorDefinition(
    name = "java:app/concurrent/TraceUnchangedExecutor",
    context = "java:app/concurrent/TraceUnchangedContext")
@ManagedScheduledExecutorDefinition(
    name = "java:app/concurrent/Scheduler",
    context = "java:app/concurrent/AllContext")
@Path("/work")
@Produces(MediaType.TEXT_PLAIN)
@RequestScoped
public class WorkResource {
  @Resource(lookup = "java:app/concurrent/AllContext")
  private ContextService allContext;

  @Resource(lookup = "java:app/concurrent/Executor")
  private ManagedExecutorService executor;

  @Resource(lookup = "java:app/concurrent/NoTraceExecutor")
  private ManagedExecutorService noTraceExecutor;

  @Resource(lookup = "java:app/concurrent/TraceUnchangedExecutor")
  private ManagedExecutorService traceUnchangedExecutor;

  @Resource(lookup = "java:app/concurrent/Scheduler")
  private ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService defaultExecutor;

  @GET
  @Path("/executor")
  public String onExecutor(@QueryParam("to") String to) throws Exception {
    return executor.submit(() -> call(to)).get(30, TimeUnit.SECONDS);
  }

  @GET
  @Path("/default-executor")
  public String onDefaultExecutor(@QueryParam("to") String to) throws Exception {
    return defaultExecutor.submit(() -> call(to)).get(30, TimeUnit.SECONDS);
  }

  @GET
  @Path("/scheduled")
  public String onScheduler(@QueryParam("to") String to) throws Exception {
    Callable<String> task = () -> call(to);
    return scheduler.schedule(task, 10, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
  }

  /**
   * Each stage on the managed executor, the call in the last: context is captured as each stage is
   * made.
   */
  @GET
  @Path("/chain")
  public String throughCompletionStages(@QueryParam("to") String to) throws Exception {
    return executor
        .supplyAsync(() -> to)
        .thenApplyAsync(String::strip)
        .thenCompose(url -> executor.supplyAsync(() -> callUnchecked(url)))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** An async JAX-RS Client call on the managed executor. */
  @GET
  @Path("/client-async")
  public String asyncClientCall(@QueryParam("to") String to) throws Exception {
    return asyncGet(ClientBuilder.newBuilder().executorService(executor).build(), to);
  }

  /** An async JAX-RS Client call on the server's choice of executor. */
  @GET
  @Path("/client-async-default")
  public String asyncClientCallOnDefault(@QueryParam("to") String to) throws Exception {
    return asyncGet(ClientBuilder.newClient(), to);
  }

  private static String asyncGet(Client client, String to) throws Exception {
    try {
      return client.target(to).request().async().get(String.class).get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  @GET
  @Path("/cleared")
  public String withTraceCleared(@QueryParam("to") String to) throws Exception {
    return noTraceExecutor.submit(() -> call(to)).get(30, TimeUnit.SECONDS)
        + "after-task-trace="
        + currentTraceId()
        + "\n";
  }

  /**
   * Runs {@code tasks} pairs of tasks, one after another, on one executor whose context leaves
   * Tracegate's as the worker thread has it: a traced task (made contextual on the request's thread
   * by a context service that carries the trace), then a plain one. Each answers its thread and the
   * trace it found there (none, unless one was left). Alternating makes it likely that the second
   * task of a pair lands on the thread the first one just released. The tasks are submitted from a
   * task with Tracegate's context cleared: a worker thread the executor starts on the submitting
   * thread inherits that thread's inheritable thread locals (WildFly's MDC is one), and a copy of
   * the request's log fields would look like a leftover.
   */
  @GET
  @Path("/leftover")
  public String leftoverOnWorkers(@QueryParam("tasks") int tasks) throws Exception {
    List<Callable<String>> traced = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      traced.add(allContext.contextualCallable(WorkResource::threadAndTrace));
    }
    return noTraceExecutor
        .submit(
            () -> {
              StringBuilder report = new StringBuilder();
              for (Callable<String> task : traced) {
                report
                    .append("traced ")
                    .append(traceUnchangedExecutor.submit(task).get(30, TimeUnit.SECONDS))
                    .append('\n')
                    .append("untouched ")
                    .append(
                        traceUnchangedExecutor
                            .submit(WorkResource::threadAndTrace)
                            .get(30, TimeUnit.SECONDS))
                    .append('\n');
              }
              return report.toString();
            })
        .get(120, TimeUnit.SECONDS);
  }

  private static String threadAndTrace() {
    return Thread.currentThread().getName()
        + " trace="
        + currentTraceId()
        + " log-trace="
        + logTraceId();
  }

  private static String call(String to) {
    Client client = ClientBuilder.newClient();
    try {
      return client.target(to).request().get(String.class)
          + "task-trace="
          + currentTraceId()
          + "\ntask-log-trace="
          + logTraceId()
          + "\n";
    } finally {
      client.close();
    }
  }

  private static String callUnchecked(String to) {
    return call(to);
  }

  /**
   * The trace id current on this thread, as application code sees it through the OpenTelemetry API;
   * "none" if none.
   */
  private static String currentTraceId() {
    io.opentelemetry.api.trace.SpanContext span =
        io.opentelemetry.api.trace.Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : "none";
  }

  private static String logTraceId() {
    return LogFieldsResource.traceIdField();
  }
}
