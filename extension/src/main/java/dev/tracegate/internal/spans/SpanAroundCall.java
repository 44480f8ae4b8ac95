package dev.tracegate.internal.spans;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletionStage;

/**
 * A method call recorded as a span, for the interceptors: the span is current while the call runs
 * and ends when the call returns or throws, or, for a returned {@link CompletionStage}, when that
 * stage completes; errors end it through {@link SpanErrors}.
 */
public final class SpanAroundCall {
  /** The call being traced: a method that may throw anything. */
  @FunctionalInterface
  public interface Call {
    Object proceed() throws Exception;
  }

  private SpanAroundCall() {}

  /**
   * Runs {@code call} with {@code span} current in {@code context}; returns what the call returned
   * (the application's own stage, whatever its type).
   */
  public static Object proceed(Span span, Context context, Call call) throws Exception {
    Object result;
    try (Scope ignored = context.with(span).makeCurrent()) {
      result = call.proceed();
    } catch (Exception | Error e) {
      SpanErrors.end(span, e);
      throw e;
    }
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete(
          (value, error) -> {
            if (error != null) {
              SpanErrors.end(span, error);
            } else {
              span.end();
            }
          });
    } else {
      span.end();
    }
    return result;
  }
}
