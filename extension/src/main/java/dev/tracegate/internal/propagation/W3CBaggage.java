package dev.tracegate.internal.propagation;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * W3C Baggage with the limits Tracegate promises: up to 180 list-members and 8192 bytes, in and
 * out. Each member's grammar (keys, percent-encoded values, properties) is OpenTelemetry's {@link
 * W3CBaggagePropagator}, applied one member at a time so an invalid member drops only itself and
 * OpenTelemetry's own 64-member cap does not apply. A member that does not fit is left out whole;
 * received text beyond the first 8192 characters is not read.
 */
public final class W3CBaggage implements TextMapPropagator {
  static final String BAGGAGE = "baggage";
  static final int MAX_MEMBERS = 180;
  static final int MAX_BYTES = 8192;

  private static final W3CBaggage INSTANCE = new W3CBaggage();
  private static final TextMapPropagator OTEL = W3CBaggagePropagator.getInstance();
  private static final TextMapGetter<String> ONE_MEMBER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return Collections.singletonList(BAGGAGE);
        }

        @Override
        public String get(String carrier, String key) {
          return BAGGAGE.equals(key) ? carrier : null;
        }
      };

  /** The baggage last injected and its header. */
  private volatile Encoded lastEncoded;

  private record Encoded(Baggage baggage, String header) {}

  private W3CBaggage() {}

  public static W3CBaggage getInstance() {
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
    Baggage baggage = Baggage.fromContext(context);
    if (baggage.isEmpty()) {
      return;
    }
    // Every outbound call of a request forwards the same (immutable) baggage: encode it once.
    Encoded last = lastEncoded;
    String header;
    if (last != null && last.baggage() == baggage) {
      header = last.header();
    } else {
      header = encode(baggage);
      lastEncoded = new Encoded(baggage, header);
    }
    if (!header.isEmpty()) {
      setter.set(carrier, BAGGAGE, header);
    }
  }

  private static String encode(Baggage baggage) {
    List<String> members = new ArrayList<>();
    baggage.forEach(
        (key, entry) -> {
          Context one =
              Baggage.builder()
                  .put(key, entry.getValue(), entry.getMetadata())
                  .build()
                  .storeInContext(Context.root());
          String[] encoded = new String[1];
          OTEL.inject(one, null, (ignored, name, value) -> encoded[0] = value);
          if (encoded[0] != null) {
            members.add(encoded[0]);
          }
        });
    List<String> sent = new ArrayList<>();
    for (int i : fitting(members)) {
      sent.add(members.get(i));
    }
    return String.join(",", sent);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      return Context.root();
    }
    if (getter == null) {
      return context;
    }
    List<String> valid = new ArrayList<>();
    List<Baggage> parsed = new ArrayList<>();
    // Only the first 8192 characters are read (all headers, commas between them counted): members
    // beyond could never all be sent, and an oversized header then costs O(limit), not O(size).
    int room = MAX_BYTES;
    for (String header : W3CTraceContext.values(carrier, getter, BAGGAGE)) {
      if (room < 0) {
        break;
      }
      String read = header;
      if (header.length() > room) {
        int lastComma = header.lastIndexOf(',', room);
        read =
            lastComma < 0
                ? ""
                : header.substring(0, lastComma); // a member cut by the limit is dropped
      }
      room -= header.length() + 1;
      for (String raw : read.split(",", -1)) {
        String member = Tracestate.trimOws(raw);
        if (member.isEmpty()) {
          continue;
        }
        // Checked before OpenTelemetry's parser sees it: that parser logs a warning, with the
        // offending text, for each bad escape or property, and callers must not decide what the
        // server logs.
        Baggage one =
            isWellFormed(member)
                ? Baggage.fromContext(OTEL.extract(Context.root(), member, ONE_MEMBER))
                : Baggage.empty();
        if (one.size() == 1 && one.asMap().keySet().stream().allMatch(W3CBaggage::isToken)) {
          valid.add(member);
          parsed.add(one);
        } else {
          RejectedHeaders.INSTANCE.baggageMember();
        }
      }
    }
    List<Integer> kept = fitting(valid);
    if (kept.isEmpty()) {
      return context;
    }
    BaggageBuilder builder = Baggage.builder();
    for (int i : kept) {
      parsed
          .get(i)
          .forEach((key, entry) -> builder.put(key, entry.getValue(), entry.getMetadata()));
    }
    return context.with(builder.build());
  }

  /**
   * Whether a member's properties and its value's percent-escapes are well-formed: the two things
   * OpenTelemetry's parser warns about. Its properties (after the first ';') follow the W3C
   * grammar, which allows fewer characters than OpenTelemetry does; each '%' in its value starts
   * two hex digits.
   */
  static boolean isWellFormed(String member) {
    int semicolon = member.indexOf(';');
    if (semicolon >= 0 && !areValidProperties(member.substring(semicolon + 1))) {
      return false;
    }
    int end = semicolon < 0 ? member.length() : semicolon;
    for (int i = member.indexOf('=') + 1; i > 0 && i < end; i++) {
      if (member.charAt(i) == '%'
          && (i + 2 >= end || !isHex(member.charAt(i + 1)) || !isHex(member.charAt(i + 2)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** {@code key = token} (RFC 9110): OpenTelemetry's parser also lets ';' through inside a key. */
  static boolean isToken(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code *( OWS ";" OWS property )} after a member's value, {@code property = key OWS "=" OWS
   * value / key}: OpenTelemetry keeps the text after the first ';' unchecked, and would send it on
   * as it came.
   */
  static boolean areValidProperties(String metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return true;
    }
    for (String property : metadata.split(";", -1)) {
      String trimmed = Tracestate.trimOws(property);
      int equals = trimmed.indexOf('=');
      if (!isToken(Tracestate.trimOws(equals < 0 ? trimmed : trimmed.substring(0, equals)))
          || equals >= 0 && !isValue(Tracestate.trimOws(trimmed.substring(equals + 1)))) {
        return false;
      }
    }
    return true;
  }

  /** {@code value = *baggage-octet}: printable ASCII but space, '"', ',', ';' and '\\'. */
  private static boolean isValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * The positions of the members that go into one header, in order: each one that still fits in 180
   * members and 8192 bytes (commas included); one too big for the room left is skipped.
   */
  static List<Integer> fitting(List<String> members) {
    List<Integer> kept = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < members.size() && kept.size() < MAX_MEMBERS; i++) {
      int size = members.get(i).getBytes(StandardCharsets.UTF_8).length + (kept.isEmpty() ? 0 : 1);
      if (bytes + size <= MAX_BYTES) {
        kept.add(i);
        bytes += size;
      }
    }
    return kept;
  }

  @Override
  public String toString() {
    return "W3CBaggage";
  }
}
