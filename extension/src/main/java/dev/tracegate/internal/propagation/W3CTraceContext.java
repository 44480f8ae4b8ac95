package dev.tracegate.internal.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * W3C Trace Context, with the rules OpenTelemetry's {@link W3CTraceContextPropagator} leaves to the
 * transport: the header values are trimmed, a repeated {@code traceparent} is invalid, several
 * {@code tracestate} headers form one list that is checked against the current key grammar (which
 * OpenTelemetry's {@code TraceState} builder does not accept in full) and keeps the first member of
 * a repeated key, and an outbound {@code tracestate} over 512 characters loses whole members.
 * Parsing the {@code traceparent} itself, and writing both headers, stays with OpenTelemetry.
 */
public final class W3CTraceContext implements TextMapPropagator {
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  /**
   * A longer {@code traceparent} is invalid before it is trimmed or parsed, so an oversized one
   * costs nothing: version 00 is 55 characters, and later versions only append fields.
   */
  static final int MAX_TRACEPARENT_LENGTH = 512;

  private static final W3CTraceContext INSTANCE = new W3CTraceContext();
  private static final TextMapPropagator OTEL = W3CTraceContextPropagator.getInstance();

  /**
   * The trimmed {@code traceparent}, as OpenTelemetry's propagator reads it (it never sees {@code
   * tracestate}).
   */
  private static final TextMapGetter<String> CHECKED =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
          return List.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
          return TRACEPARENT.equals(key) ? traceparent : null;
        }
      };

  private W3CTraceContext() {}

  public static W3CTraceContext getInstance() {
    return INSTANCE;
  }

  @Override
  public Collection<String> fields() {
    return OTEL.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    OTEL.inject(
        context,
        carrier,
        (target, name, value) -> {
          String sent =
              TRACESTATE.equals(name) ? Tracestate.truncate(value, Tracestate.MAX_LENGTH) : value;
          if (!sent.isEmpty()) {
            setter.set(target, name, sent);
          }
        });
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      return Context.root();
    }
    if (getter == null) {
      return context;
    }
    String traceparent = null;
    Iterator<String> traceparents = getter.getAll(carrier, TRACEPARENT);
    while (traceparents != null && traceparents.hasNext()) {
      String value = traceparents.next();
      if (value != null) {
        if (traceparent != null) {
          RejectedHeaders.INSTANCE.traceparent();
          return context; // sent more than once: no parent to continue
        }
        traceparent = value;
      }
    }
    if (traceparent == null) {
      return context;
    }
    if (traceparent.length() > MAX_TRACEPARENT_LENGTH) {
      RejectedHeaders.INSTANCE.traceparent();
      return context;
    }
    Context extracted = OTEL.extract(context, Tracestate.trimOws(traceparent), CHECKED);
    if (extracted == context) {
      RejectedHeaders.INSTANCE
          .traceparent(); // OpenTelemetry gives back the same context for an invalid one
      return context; // no valid traceparent: tracestate is not read
    }
    List<String> tracestates = values(carrier, getter, TRACESTATE);
    if (tracestates.isEmpty()) {
      return extracted;
    }
    SpanContext parent = Span.fromContext(extracted).getSpanContext();
    return Tracestate.combine(tracestates)
        .map(
            tracestate ->
                context.with(
                    Span.wrap(
                        SpanContext.createFromRemoteParent(
                            parent.getTraceId(),
                            parent.getSpanId(),
                            parent.getTraceFlags(),
                            tracestate))))
        .orElse(extracted);
  }

  /**
   * The header's values, without nulls; no list is made for a header that is absent (the usual
   * case).
   */
  static <C> List<String> values(C carrier, TextMapGetter<C> getter, String name) {
    Iterator<String> all = getter.getAll(carrier, name);
    List<String> values = null;
    while (all != null && all.hasNext()) {
      String value = all.next();
      if (value != null) {
        if (values == null) {
          values = new ArrayList<>(1);
        }
        values.add(value);
      }
    }
    return values == null ? List.of() : values;
  }

  @Override
  public String toString() {
    return "W3CTraceContext";
  }
}
