package dev.tracegate.internal.mptelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The injectable {@link Span}: every call goes to the span current at the time of the call, so a
 * bean injected once always acts on the current span, as MicroProfile Telemetry requires.
 */
final class CurrentSpan implements Span {
  static final CurrentSpan INSTANCE = new CurrentSpan();

  private CurrentSpan() {}

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    return Span.current().setAttribute(key, value);
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return Span.current().addEvent(name, attributes);
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    return Span.current().addEvent(name, attributes, timestamp, unit);
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    return Span.current().setStatus(statusCode, description);
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    return Span.current().recordException(exception, additionalAttributes);
  }

  @Override
  public Span updateName(String name) {
    return Span.current().updateName(name);
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes attributes) {
    return Span.current().addLink(spanContext, attributes);
  }

  @Override
  public void end() {
    Span.current().end();
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    Span.current().end(timestamp, unit);
  }

  @Override
  public SpanContext getSpanContext() {
    return Span.current().getSpanContext();
  }

  @Override
  public boolean isRecording() {
    return Span.current().isRecording();
  }

  /** The span itself goes into a context, never this view of whatever is current later. */
  @Override
  public Context storeInContext(Context context) {
    return context.with(Span.current());
  }

  @Override
  public String toString() {
    return "CurrentSpan{" + Span.current() + "}";
  }
}
