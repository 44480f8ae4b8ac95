package dev.tracegate.internal.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * The span processor of an application that exports no spans ({@code otel.traces.exporter=none}).
 * With no span processor at all, the OpenTelemetry SDK hands out no-op tracers, whose spans are
 * only their parent's context: the service would forward a caller's {@code traceparent} unchanged
 * and start no trace when none arrives. With this one, each request and outbound call still gets
 * its own span id, forwarded downstream and put in the logs; the spans themselves go nowhere.
 */
public final class NothingExported implements SpanProcessor {
  public static final NothingExported INSTANCE = new NothingExported();

  private NothingExported() {}

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public String toString() {
    return "NothingExported";
  }
}
