package dev.tracegate.internal.spans;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How every span Tracegate records ends with an error, whoever ends it (the HTTP filters,
 * {@code @InvokeAgent}, {@code @WithSpan}): the exception inside its wrappers is recorded as an
 * event, {@code error.type} is its class unless the caller knows better, and the status is ERROR
 * with the exception's message as description, as the OpenTelemetry conventions for recording
 * errors ask.
 */
public final class SpanErrors {
  private static final int MAX_WRAPPERS = 16;

  private SpanErrors() {}

  /**
   * Records {@code error} on the span; the span is not ended.
   *
   * @param errorType the {@code error.type}, or null for the class of the unwrapped exception
   * @return the unwrapped exception
   */
  public static Throwable record(Span span, Throwable error, String errorType) {
    Throwable cause = unwrap(error);
    span.recordException(cause);
    span.setAttribute(
        ErrorAttributes.ERROR_TYPE, errorType != null ? errorType : cause.getClass().getName());
    span.setStatus(StatusCode.ERROR, cause.getMessage() == null ? "" : cause.getMessage());
    return cause;
  }

  /**
   * Records {@code error} on the span with the exception's class as {@code error.type}, then ends
   * it.
   */
  public static void end(Span span, Throwable error) {
    record(span, error, null);
    span.end();
  }

  /** The exception inside the wrappers that only carry it (execution, completion, reflection). */
  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    // Bounded: a cause chain may loop.
    for (int depth = 0;
        depth < MAX_WRAPPERS && isWrapper(cause) && cause.getCause() != null;
        depth++) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean isWrapper(Throwable error) {
    return error instanceof ExecutionException
        || error instanceof CompletionException
        || error instanceof InvocationTargetException
        || error instanceof UndeclaredThrowableException;
  }
}
