package dev.tracegate.propagation;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * W3C Trace Context, with the rules OpenTelemetry's {@link W3CTraceContextPropagator} leaves to the
 * transport: the header values are trimmed, a repeated {@code traceparent} is invalid, several
 * {@code tracestate} headers form one list that is checked against the full grammar, and an
 * outbound {@code tracestate} over 512 characters loses whole members. Parsing the
 * {@code traceparent} itself, and writing it, stays with OpenTelemetry.
 */
public final class W3CTraceContext implements TextMapPropagator {
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";
  /**
   * A longer {@code traceparent} is invalid before it is trimmed or parsed, so an oversized one costs
   * nothing: version 00 is 55 characters, and later versions only append fields.
   */
  static final int MAX_TRACEPARENT_LENGTH = 512;

  private static final W3CTraceContext INSTANCE = new W3CTraceContext();
  private static final TextMapPropagator OTEL = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<Map<String, String>> CHECKED = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
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
    OTEL.inject(context, carrier, (target, name, value) -> {
      String sent = TRACESTATE.equals(name) ? Tracestate.truncate(value, Tracestate.MAX_LENGTH) : value;
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
    List<String> traceparents = values(carrier, getter, TRACEPARENT);
    if (traceparents.size() != 1) {
      // Absent, or sent more than once: either way there is no parent to continue.
      return context;
    }
    if (traceparents.get(0).length() > MAX_TRACEPARENT_LENGTH) {
      return context;
    }
    Map<String, String> checked = new HashMap<>(4);
    checked.put(TRACEPARENT, Tracestate.trimOws(traceparents.get(0)));
    Tracestate.combine(values(carrier, getter, TRACESTATE)).ifPresent(list -> checked.put(TRACESTATE, list));
    return OTEL.extract(context, checked, CHECKED);
  }

  static <C> List<String> values(C carrier, TextMapGetter<C> getter, String name) {
    List<String> values = new ArrayList<>(1);
    Iterator<String> all = getter.getAll(carrier, name);
    while (all != null && all.hasNext()) {
      String value = all.next();
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return "W3CTraceContext";
  }
}
