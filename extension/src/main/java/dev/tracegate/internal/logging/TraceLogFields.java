package dev.tracegate.internal.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the current request's {@code trace_id} and {@code span_id} on every log record the request
 * thread writes, through the server's own per-thread log fields, so the application logs as it
 * always did:
 *
 * <ul>
 *   <li>Open Liberty's public {@code com.ibm.websphere.logging.hpel.LogRecordContext} API: Liberty
 *       adds them to its JSON logs as {@code ext_trace_id} and {@code ext_span_id} (renamed by
 *       {@code com.ibm.ws.logging.json.field.mappings});
 *   <li>else the MDC of JBoss Logging ({@code org.jboss.logging.MDC}, backed by WildFly's JBoss Log
 *       Manager): WildFly's JSON formatter writes them under {@code mdc}, a pattern formatter with
 *       {@code %X{trace_id}}.
 * </ul>
 *
 * On a server with neither this does nothing.
 */
public final class TraceLogFields {
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  private static final String LOG_RECORD_CONTEXT =
      "com.ibm.websphere.logging.hpel.LogRecordContext";
  private static final String JBOSS_MDC = "org.jboss.logging.MDC";
  private static final boolean LIBERTY =
      find(
              LOG_RECORD_CONTEXT,
              "addExtension",
              MethodType.methodType(void.class, String.class, String.class))
          != null;
  private static final MethodHandle ADD =
      LIBERTY
          ? find(
              LOG_RECORD_CONTEXT,
              "addExtension",
              MethodType.methodType(void.class, String.class, String.class))
          : adapt(
              find(
                  JBOSS_MDC,
                  "put",
                  MethodType.methodType(Object.class, String.class, Object.class)),
              MethodType.methodType(void.class, String.class, String.class));
  private static final MethodHandle REMOVE =
      LIBERTY
          ? withoutResult(
              find(
                  LOG_RECORD_CONTEXT,
                  "removeExtension",
                  MethodType.methodType(boolean.class, String.class)))
          : find(JBOSS_MDC, "remove", MethodType.methodType(void.class, String.class));
  private static final MethodHandle GET_ALL =
      LIBERTY
          ? find(LOG_RECORD_CONTEXT, "getExtensions", MethodType.methodType(void.class, Map.class))
          : copyingInto(find(JBOSS_MDC, "getMap", MethodType.methodType(Map.class)));

  private TraceLogFields() {}

  /**
   * Sets the fields from the span of {@code context} for as long as {@code scope} is open: the
   * returned scope removes them when closed, before closing {@code scope}.
   */
  public static Scope whileCurrent(Context context, Scope scope) {
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (ADD == null || REMOVE == null || !span.isValid()) {
      return scope;
    }
    try {
      ADD.invokeExact(TRACE_ID, span.getTraceId());
      ADD.invokeExact(SPAN_ID, span.getSpanId());
    } catch (Throwable e) {
      return scope; // logging must never break a request
    }
    return () -> {
      try {
        REMOVE.invokeExact(TRACE_ID);
        REMOVE.invokeExact(SPAN_ID);
      } catch (Throwable e) {
        // nothing more to do: the next request on this thread overwrites both values
      } finally {
        scope.close();
      }
    };
  }

  /**
   * Removes the fields from this thread, whichever request or application set them: a request that
   * starts with this has no other request's {@code trace_id} on its log records, even if an earlier
   * async request left its fields on this pooled thread.
   */
  public static void clear() {
    if (REMOVE == null) {
      return;
    }
    try {
      REMOVE.invokeExact(TRACE_ID);
      REMOVE.invokeExact(SPAN_ID);
    } catch (Throwable e) {
      // logging must never break a request
    }
  }

  /**
   * Sets the fields from the span of {@code context}, or removes them if it has no valid span,
   * until the returned action runs: it puts back exactly the values this thread had before (or
   * their absence). For work handed to another thread, which may be in the middle of something
   * else.
   */
  public static Runnable replace(Context context) {
    if (ADD == null || REMOVE == null || GET_ALL == null) {
      return () -> {};
    }
    try {
      Map<String, String> before = new HashMap<>();
      GET_ALL.invokeExact((Map) before);
      String traceIdBefore = before.get(TRACE_ID);
      String spanIdBefore = before.get(SPAN_ID);
      SpanContext span = Span.fromContext(context).getSpanContext();
      set(TRACE_ID, span.isValid() ? span.getTraceId() : null);
      set(SPAN_ID, span.isValid() ? span.getSpanId() : null);
      return () -> {
        try {
          set(TRACE_ID, traceIdBefore);
          set(SPAN_ID, spanIdBefore);
        } catch (Throwable e) {
          // logging must never break a task
        }
      };
    } catch (Throwable e) {
      return () -> {}; // logging must never break a task
    }
  }

  private static void set(String field, String value) throws Throwable {
    if (value == null) {
      REMOVE.invokeExact(field);
    } else {
      ADD.invokeExact(field, value);
    }
  }

  private static MethodHandle withoutResult(MethodHandle handle) {
    return handle == null ? null : MethodHandles.dropReturn(handle);
  }

  private static MethodHandle adapt(MethodHandle handle, MethodType type) {
    return handle == null ? null : handle.asType(type);
  }

  /**
   * {@code getMap()} as Liberty's {@code getExtensions(Map)}: fills the given map with this
   * thread's fields.
   */
  private static MethodHandle copyingInto(MethodHandle getMap) {
    if (getMap == null) {
      return null;
    }
    try {
      MethodHandle copy =
          MethodHandles.lookup()
              .findStatic(
                  TraceLogFields.class,
                  "copyInto",
                  MethodType.methodType(void.class, MethodHandle.class, Map.class));
      return MethodHandles.insertArguments(copy, 0, getMap);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void copyInto(MethodHandle getMap, Map target) throws Throwable {
    Map<?, ?> fields = (Map<?, ?>) getMap.invoke();
    if (fields != null) {
      fields.forEach(
          (key, value) -> {
            if (key instanceof String && value != null) {
              target.put(key, value.toString());
            }
          });
    }
  }

  private static MethodHandle find(String className, String name, MethodType type) {
    for (ClassLoader loader :
        new ClassLoader[] {
          TraceLogFields.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
      try {
        return MethodHandles.publicLookup()
            .findStatic(Class.forName(className, false, loader), name, type);
      } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
        // not this server, or not visible from this loader: try the next one
      }
    }
    return null;
  }
}
