package dev.tracegate.internal.mptelemetry;

import dev.tracegate.internal.server.ServerCall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The injectable {@link Span}: every call goes to the span current at the time of the call, so a
 * bean injected once always acts on the current span, as MicroProfile Telemetry requires. Current
 * as Tracegate reads it everywhere: never the span of an async request already answered on this
 * thread ({@link ServerCall#currentContext}).
 */
final class CurrentSpan implements Span {
  static final CurrentSpan INSTANCE = new CurrentSpan();

  private CurrentSpan() {}

  private static Span current() {
    return Span.fromContext(ServerCall.currentContext());
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    return current().setAttribute(key, value);
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return current().addEvent(name, attributes);
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    return current().addEvent(name, attributes, timestamp, unit);
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    return current().setStatus(statusCode, description);
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    return current().recordException(exception, additionalAttributes);
  }

  @Override
  public Span updateName(String name) {
    return current().updateName(name);
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes attributes) {
    return current().addLink(spanContext, attributes);
  }

  @Override
  public void end() {
    current().end();
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    current().end(timestamp, unit);
  }

  @Override
  public SpanContext getSpanContext() {
    return current().getSpanContext();
  }

  @Override
  public boolean isRecording() {
    return current().isRecording();
  }

  /** The span itself goes into a context, never this view of whatever is current later. */
  @Override
  public Context storeInContext(Context context) {
    return context.with(current());
  }

  @Override
  public String toString() {
    return "CurrentSpan{" + current() + "}";
  }
}
