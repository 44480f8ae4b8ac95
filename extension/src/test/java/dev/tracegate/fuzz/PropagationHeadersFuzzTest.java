package dev.tracegate.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tracegate.StartedTracing;
import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.server.ReceivedHeaders;
import dev.tracegate.internal.server.ServerRequest;
import dev.tracegate.internal.server.ServerRequestAttributes;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Arbitrary {@code traceparent}, {@code tracestate} and {@code baggage} header lines (many, huge,
 * non-ASCII, control characters) through what the server filter does with them: the application's
 * propagators read them with {@link ServerRequestAttributes#HEADERS}, a SERVER span and a CLIENT
 * span start under the result, and the application's propagators write the outbound headers.
 * Nothing may escape, and what goes out must obey the W3C grammar and limits. The grammar below is
 * written from the specifications, independently of the code.
 */
class PropagationHeadersFuzzTest {
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-0[0-3]");
  private static final Pattern TRACESTATE_MEMBER =
      Pattern.compile(
          "[a-z0-9][a-z0-9_\\-*/@]{0,255}=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");
  private static final String TOKEN = "[!#$%&'*+\\-.^_`|~0-9a-zA-Z]+";
  private static final String VALUE = "[\\x21\\x23-\\x2b\\x2d-\\x3a\\x3c-\\x5b\\x5d-\\x7e]*";
  private static final String OWS = "[ \\t]*";

  /** {@code key OWS "=" OWS value}, the start of a member, up to its first ';'. */
  private static final Pattern BAGGAGE_KEY_VALUE =
      Pattern.compile(TOKEN + OWS + "=" + OWS + VALUE + OWS);

  /** {@code OWS property OWS}, {@code property = key OWS "=" OWS value / key}, between ';'s. */
  private static final Pattern BAGGAGE_PROPERTY =
      Pattern.compile(OWS + TOKEN + "(" + OWS + "=" + OWS + VALUE + ")?" + OWS);

  private static final String[] NAMES = {
    "traceparent", "tracestate", "baggage", "TraceParent", "TRACESTATE", "Baggage"
  };

  /**
   * The most one value can grow to: far above every limit, so a limit that is not enforced shows.
   */
  private static final int MAX_REPEAT = 40_000;

  /**
   * One application's tracing for the whole run, as a deployment has: every new trace recorded, its
   * spans discarded.
   */
  private static final ApplicationTracing tracing =
      StartedTracing.start(
          "fuzz", Map.of("tracing.random_sampling", "100", "otel.traces.exporter", "discard"));

  private static final TextMapPropagator propagator =
      tracing.sdk().getPropagators().getTextMapPropagator();

  /**
   * Header lines of the three names, in any case, any number, any content, some repeated to huge
   * sizes.
   */
  @FuzzTest(maxDuration = "2m")
  void propagationHeadersNeverFailAndWhatIsSentIsValid(FuzzedDataProvider data) {
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    int count = data.consumeInt(0, 64);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      String name = data.pickValue(NAMES);
      String value = data.consumeString(data.consumeInt(0, 600));
      int repeat =
          data.consumeBoolean() ? data.consumeInt(1, MAX_REPEAT / Math.max(1, value.length())) : 1;
      lines.add(new SimpleEntry<>(name, value.repeat(repeat)));
    }
    throughServerAndClient(lines);
  }

  /**
   * A valid traceparent with fuzzed tracestate and baggage around it, so the lists are not dropped
   * for want of a parent.
   */
  @FuzzTest(maxDuration = "2m")
  void listsUnderAValidParentNeverFailAndStayWithinLimits(FuzzedDataProvider data) {
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    lines.add(
        new SimpleEntry<>(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0" + data.consumeInt(0, 3)));
    int count = data.consumeInt(0, 48);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      String name = data.consumeBoolean() ? "tracestate" : "baggage";
      StringBuilder value = new StringBuilder();
      int members = data.consumeInt(0, 40);
      for (int m = 0; m < members && data.remainingBytes() > 0; m++) {
        value
            .append(m == 0 ? "" : data.pickValue(new String[] {",", ", ", ",\t", ",,"}))
            .append(data.consumeAsciiString(data.consumeInt(0, 16)).toLowerCase())
            .append(data.consumeBoolean() ? "=" : "")
            .append(data.consumeString(data.consumeInt(0, 300)));
      }
      lines.add(new SimpleEntry<>(name, value.toString()));
    }
    throughServerAndClient(lines);
  }

  static Map<String, String> throughServerAndClient(List<Map.Entry<String, String>> lines) {
    ServerRequest request = ReceivedHeaders.request(lines);
    Context incoming =
        tracing
            .sdk()
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), request, ServerRequestAttributes.HEADERS);
    SpanContext caller = Span.fromContext(incoming).getSpanContext();

    Span server =
        tracing
            .sdk()
            .getTracer("fuzz")
            .spanBuilder("POST /api/call")
            .setSpanKind(SpanKind.SERVER)
            .setParent(incoming)
            .startSpan();
    Context serverContext = incoming.with(server);
    Span client =
        tracing
            .sdk()
            .getTracer("fuzz")
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setParent(serverContext)
            .startSpan();
    Map<String, String> sent = new LinkedHashMap<>();
    propagator.inject(serverContext.with(client), sent, Map::put);
    client.end();
    server.end();

    assertTrue(
        TRACEPARENT.matcher(String.valueOf(sent.get("traceparent"))).matches(),
        () ->
            "traceparent "
                + sent
                + " client "
                + client.getSpanContext()
                + " propagator "
                + propagator);
    String traceId = sent.get("traceparent").substring(3, 35);
    if (caller.isValid()) {
      assertEquals(caller.getTraceId(), traceId, "a valid caller's trace is continued");
    }
    assertTracestateIsValid(sent.get("tracestate"), caller.isValid());
    assertBaggageIsValid(sent.get("baggage"), Baggage.fromContext(incoming));
    return sent;
  }

  private static void assertTracestateIsValid(String tracestate, boolean continued) {
    if (tracestate == null) {
      return;
    }
    assertTrue(continued, "tracestate is forwarded only with a valid traceparent");
    assertTrue(
        tracestate.length() <= 512, () -> "tracestate of " + tracestate.length() + " characters");
    String[] members = tracestate.split(",", -1);
    assertTrue(members.length <= 32, "at most 32 members");
    Set<String> keys = new HashSet<>();
    for (String member : members) {
      assertTrue(TRACESTATE_MEMBER.matcher(member).matches(), () -> "tracestate member " + member);
      assertTrue(
          keys.add(member.substring(0, member.indexOf('='))),
          () -> "duplicate key in " + tracestate);
    }
  }

  private static void assertBaggageIsValid(String baggage, Baggage received) {
    if (baggage == null) {
      return; // nothing received, or only members whose encoding alone exceeds 8192 bytes (first
      // fuzzer finding)
    }
    assertTrue(
        baggage.getBytes(StandardCharsets.UTF_8).length <= 8192,
        () -> "baggage of " + baggage.length() + " characters");
    String[] members = baggage.split(",", -1);
    assertTrue(members.length <= 180, "at most 180 members");
    for (String member : members) {
      // Checked piece by piece: one regular expression repeating over thousands of properties
      // overflows the stack (finding 5).
      String[] pieces = member.split(";", -1);
      assertTrue(BAGGAGE_KEY_VALUE.matcher(pieces[0]).matches(), () -> "baggage member " + member);
      for (int i = 1; i < pieces.length; i++) {
        String property = pieces[i];
        assertTrue(
            BAGGAGE_PROPERTY.matcher(property).matches(), () -> "baggage property " + property);
      }
    }
    assertFalse(
        baggage.chars().anyMatch(c -> c < 0x20 && c != '\t' || c > 0x7e),
        "printable ASCII and OWS only");
    // What we send reads back as received: a downstream service sees our caller's entries,
    // unchanged.
    Baggage readBack =
        Baggage.fromContext(propagator.extract(Context.root(), Map.of("baggage", baggage), MAP));
    readBack.forEach(
        (key, entry) -> assertEquals(received.getEntry(key), entry, () -> "baggage entry " + key));
  }

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier.get(key);
        }
      };
}
