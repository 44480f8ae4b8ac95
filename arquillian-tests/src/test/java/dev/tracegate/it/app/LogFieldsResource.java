package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Reports the log fields the server (Open Liberty, WildFly) would write on this thread's log
 * records; no tracing code.
 */
@Path("/log-fields")
@Produces(MediaType.TEXT_PLAIN)
public class LogFieldsResource {

  /**
   * This request's thread and the {@code trace_id} field on it: {@code thread=... trace_id=...}.
   */
  @GET
  public String onThisThread() {
    return "thread=" + Thread.currentThread().getName() + " trace_id=" + traceIdField() + "\n";
  }

  /**
   * An async response: the request thread goes back to the pool as soon as this returns, the
   * response is finished later on another thread. Reports the request thread.
   */
  @GET
  @Path("/async")
  public CompletionStage<String> async() {
    String requestThread = Thread.currentThread().getName();
    return Later.complete("thread=" + requestThread + "\n", 20, "log-fields-async");
  }

  /**
   * The {@code trace_id} field the server would write on this thread's log records: Liberty's
   * LogRecordContext, else WildFly's MDC; "none" if none.
   */
  public static String traceIdField() {
    try {
      Class<?> logRecordContext = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
      Method getExtensions = logRecordContext.getMethod("getExtensions", Map.class);
      Map<String, String> fields = new HashMap<>();
      getExtensions.invoke(null, fields);
      return fields.getOrDefault("trace_id", "none");
    } catch (ClassNotFoundException notLiberty) {
      try {
        Object traceId =
            Class.forName("org.jboss.logging.MDC")
                .getMethod("get", String.class)
                .invoke(null, "trace_id");
        return traceId == null ? "none" : traceId.toString();
      } catch (ReflectiveOperationException e) {
        return "unreadable: " + e;
      }
    } catch (ReflectiveOperationException e) {
      return "unreadable: " + e;
    }
  }
}
