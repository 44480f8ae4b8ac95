package dev.tracegate.internal.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.Locale;

/**
 * The {@code xray} propagator: OpenTelemetry contrib's writes {@code X-Amzn-Trace-Id}; reading it
 * is ours, because the contrib release we use (1.57.0-alpha) calls an OpenTelemetry API method that
 * 1.68 removed when it reads the header. A header such as {@code
 * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1} continues trace
 * {@code 5759e988bd862e3fe1be46a994272793} from span {@code 53995c3f42cd8ad8}; a header without a
 * valid {@code Root} and {@code Parent} is ignored, as is one longer than {@value #MAX_LENGTH}
 * characters (read in O(limit)).
 */
final class XrayTraceHeader implements TextMapPropagator {
  static final String HEADER = "X-Amzn-Trace-Id";

  /** Far above a real header (Root, Parent, Sampled, Self, Lineage: under 200 characters). */
  static final int MAX_LENGTH = 512;

  private static final String ROOT_VERSION = "1-";

  private final TextMapPropagator writer;

  XrayTraceHeader(TextMapPropagator writer) {
    this.writer = writer;
  }

  @Override
  public Collection<String> fields() {
    return writer.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    writer.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    String header = carrier == null ? null : getter.get(carrier, HEADER);
    SpanContext parent = header == null ? null : parse(header);
    return parent == null ? context : context.with(Span.wrap(parent));
  }

  /** The remote parent the header names, or null if it names none validly. */
  static SpanContext parse(String header) {
    if (header.length() > MAX_LENGTH) {
      return null;
    }
    String traceId = null;
    String spanId = null;
    boolean sampled = false;
    for (String field : header.split(";")) {
      int equals = field.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = field.substring(0, equals).trim();
      String value = field.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
      if (key.equalsIgnoreCase("Root")) {
        traceId = traceId(value);
      } else if (key.equalsIgnoreCase("Parent")) {
        spanId = SpanId.isValid(value) ? value : null;
      } else if (key.equalsIgnoreCase("Sampled")) {
        sampled = value.equals("1");
      }
    }
    if (traceId == null || spanId == null) {
      return null;
    }
    return SpanContext.createFromRemoteParent(
        traceId,
        spanId,
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
        TraceState.getDefault());
  }

  /** {@code 1-<8 hex epoch>-<24 hex>} as a 32-hex trace id, or null. */
  private static String traceId(String root) {
    if (root.length() != 35 || !root.startsWith(ROOT_VERSION) || root.charAt(10) != '-') {
      return null;
    }
    String traceId = root.substring(2, 10) + root.substring(11);
    return TraceId.isValid(traceId) ? traceId : null;
  }

  @Override
  public String toString() {
    return "xray";
  }
}
