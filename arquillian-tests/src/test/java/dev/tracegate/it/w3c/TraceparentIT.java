package dev.tracegate.it.w3c;

import static dev.tracegate.it.w3c.Hops.PARENT_ID;
import static dev.tracegate.it.w3c.Hops.TRACE_ID;
import static dev.tracegate.it.w3c.Hops.VALID;
import static dev.tracegate.it.w3c.Hops.randomHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.w3c.Hops.Hop;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * W3C Trace Context: what a service on Liberty accepts as {@code traceparent}, and what it
 * forwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TraceparentIT {
  /**
   * What this service sends: version 00, lowercase hex, its own span id, flags sampled and random
   * only.
   */
  private static final Pattern SENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return Hops.war("w3c-traceparent");
  }

  /**
   * The request continues the incoming trace: same trace id, a new parent id, the tracestate kept.
   */
  private void assertContinued(String... headerLines) {
    Hop hop = Hops.through(base, 1, headerLines);
    assertEquals(200, hop.status(), hop.body());
    String sent = hop.call().single("traceparent");
    assertTrue(SENT.matcher(sent).matches(), sent);
    assertEquals(TRACE_ID, hop.forwardedTraceId(), "trace continued: " + List.of(headerLines));
    assertNotEquals(PARENT_ID, sent.split("-")[2]);
  }

  /** The request restarts: a new trace id, and the incoming tracestate is not forwarded. */
  private void assertRestarted(String... headerLines) {
    String[] lines = java.util.Arrays.copyOf(headerLines, headerLines.length + 1);
    lines[headerLines.length] = "tracestate: vendor=value";
    Hop hop = Hops.through(base, 1, lines);
    assertEquals(
        200, hop.status(), "an invalid traceparent never breaks the request: " + hop.body());
    assertTrue(
        SENT.matcher(hop.call().single("traceparent")).matches(), hop.call().single("traceparent"));
    assertNotEquals(TRACE_ID, hop.forwardedTraceId(), "trace restarted: " + List.of(headerLines));
    assertNull(
        hop.call().single("tracestate"), "the tracestate of an invalid traceparent is dropped");
  }

  private static String traceparent(String version, String traceId, String parentId, String flags) {
    return "traceparent: " + version + "-" + traceId + "-" + parentId + "-" + flags;
  }

  @Test
  void validTraceparentIsContinued() {
    assertContinued("traceparent: " + VALID);
  }

  @Test
  void headerNameIsCaseInsensitive() {
    assertContinued("TraceParent: " + VALID);
    assertContinued("TRACEPARENT: " + VALID);
  }

  @Test
  void lookAlikeHeaderNamesAreIgnored() {
    Hop hop =
        Hops.through(
            base, 1, "trace-parent: " + VALID, "trace_parent: " + VALID, "traceparent-x: " + VALID);
    assertEquals(200, hop.status());
    assertNotEquals(TRACE_ID, hop.forwardedTraceId());
  }

  @Test
  void spacesAndTabsAroundTheValueAreIgnored() {
    assertContinued("traceparent:  \t " + VALID + " \t ");
    assertContinued("traceparent:" + VALID);
  }

  @Test
  void version00WithTrailingDataIsInvalid() {
    assertRestarted("traceparent: " + VALID + "-");
    assertRestarted("traceparent: " + VALID + "-extra");
    assertRestarted("traceparent: " + VALID + "0");
  }

  @Test
  void higherVersionIsReadForItsKnownFieldsAndForwardedAsVersion00() {
    assertContinued(traceparent("cc", TRACE_ID, PARENT_ID, "01"));
    assertContinued(traceparent("01", TRACE_ID, PARENT_ID, "01") + "-and-what-the-future-holds");
  }

  @Test
  void higherVersionNotFollowedByDashIsInvalid() {
    assertRestarted(traceparent("cc", TRACE_ID, PARENT_ID, "01") + "x");
    assertRestarted(traceparent("cc", TRACE_ID, PARENT_ID, "0"));
  }

  @Test
  void versionFfIsInvalid() {
    assertRestarted(traceparent("ff", TRACE_ID, PARENT_ID, "01"));
  }

  @Test
  void uppercaseHexIsInvalid() {
    assertRestarted(traceparent("00", TRACE_ID.toUpperCase(), PARENT_ID, "01"));
    assertRestarted(traceparent("00", TRACE_ID, PARENT_ID.toUpperCase(), "01"));
    assertRestarted(traceparent("0A", TRACE_ID, PARENT_ID, "01"));
    assertRestarted(traceparent("00", TRACE_ID, PARENT_ID, "0A"));
  }

  @Test
  void wrongFieldLengthIsInvalid() {
    assertRestarted(traceparent("00", TRACE_ID.substring(1), PARENT_ID, "01"));
    assertRestarted(traceparent("00", TRACE_ID + "a", PARENT_ID, "01"));
    assertRestarted(traceparent("00", TRACE_ID, PARENT_ID.substring(1), "01"));
    assertRestarted(traceparent("00", TRACE_ID, PARENT_ID, "1"));
    assertRestarted(traceparent("0", TRACE_ID, PARENT_ID, "01"));
  }

  @Test
  void illegalCharacterIsInvalid() {
    assertRestarted(traceparent("00", TRACE_ID.replace('4', 'g'), PARENT_ID, "01"));
    assertRestarted(traceparent("00", TRACE_ID, PARENT_ID.replace('0', '.'), "01"));
    assertRestarted(traceparent("00", TRACE_ID, PARENT_ID, "0x"));
    assertRestarted("traceparent: 00_" + TRACE_ID + "_" + PARENT_ID + "_01");
  }

  @Test
  void allZeroTraceIdIsInvalid() {
    assertRestarted(traceparent("00", "0".repeat(32), PARENT_ID, "01"));
  }

  @Test
  void allZeroParentIdIsInvalid() {
    assertRestarted(traceparent("00", TRACE_ID, "0".repeat(16), "01"));
  }

  @Test
  void repeatedTraceparentHeaderIsInvalid() {
    assertRestarted("traceparent: " + VALID, "traceparent: " + VALID);
    assertRestarted(
        "traceparent: " + VALID, "TraceParent: 00-" + randomHex(32) + "-" + randomHex(16) + "-01");
  }

  @Test
  void traceparentListInOneHeaderIsInvalid() {
    assertRestarted("traceparent: " + VALID + "," + VALID);
    assertRestarted("traceparent: " + VALID + ", " + VALID);
  }

  @Test
  void invalidTraceparentStartsANewRootTrace() {
    Hop hop = Hops.through(base, 1, traceparent("00", "0".repeat(32), PARENT_ID, "01"));
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(hop.forwardedTraceId(), 2);
    ReceivedSpan server =
        trace.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
    assertEquals("", server.parentSpanId(), "the server span is a root");
  }

  @Test
  void everyOutboundCallGetsItsOwnParentId() {
    String traceId = randomHex(32);
    Hop hop = Hops.through(base, 3, traceparent("00", traceId, PARENT_ID, "01"));
    List<String> parentIds =
        hop.calls().stream().map(call -> call.single("traceparent").split("-")[2]).toList();
    assertEquals(3, Set.copyOf(parentIds).size(), "three calls, three parent ids: " + parentIds);
    assertTrue(
        hop.calls().stream()
            .allMatch(call -> call.single("traceparent").split("-")[1].equals(traceId)));

    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 4);
    Set<String> clientSpanIds =
        trace.stream()
            .filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT)
            .map(ReceivedSpan::spanId)
            .collect(Collectors.toSet());
    assertEquals(
        clientSpanIds,
        Set.copyOf(parentIds),
        "each forwarded parent id is that call's client span");
  }

  @Test
  void sampledFlagOfTheCallerIsKept() {
    Hop notSampled = Hops.through(base, 1, traceparent("00", TRACE_ID, PARENT_ID, "00"));
    assertTrue(
        notSampled.call().single("traceparent").endsWith("-00"),
        notSampled.call().single("traceparent"));
    Hop sampled = Hops.through(base, 1, traceparent("00", TRACE_ID, PARENT_ID, "01"));
    assertTrue(
        sampled.call().single("traceparent").endsWith("-01"), sampled.call().single("traceparent"));
  }

  @Test
  void randomFlagOfTheCallerIsPropagated() {
    for (String flags : List.of("02", "03")) {
      Hop hop = Hops.through(base, 2, traceparent("00", TRACE_ID, PARENT_ID, flags));
      for (var call : hop.calls()) {
        assertTrue(
            call.single("traceparent").endsWith("-" + flags),
            flags + " -> " + call.single("traceparent"));
      }
    }
  }

  @Test
  void unknownFlagsAreNotForwarded() {
    Hop hop = Hops.through(base, 1, traceparent("00", TRACE_ID, PARENT_ID, "fd"));
    assertTrue(hop.call().single("traceparent").endsWith("-01"), hop.call().single("traceparent"));
    Hop higher = Hops.through(base, 1, traceparent("cc", TRACE_ID, PARENT_ID, "ff") + "-ab");
    assertTrue(
        higher.call().single("traceparent").endsWith("-03"), higher.call().single("traceparent"));
  }

  @Test
  void newTraceIsFlaggedRandom() {
    Hop hop = Hops.through(base, 1);
    assertTrue(
        hop.call().single("traceparent").endsWith("-03"),
        "the SDK's trace ids are random, so a new sampled trace says so: "
            + hop.call().single("traceparent"));
  }

  @Test
  void randomTraceparentsAreContinuedExactlyWhenValid() {
    Pattern valid =
        Pattern.compile(
            "(00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"
                + "|(?!ff|00)[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?)");
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    for (int i = 0; i < 40; i++) {
      StringBuilder value =
          new StringBuilder(random.nextInt(4) == 0 ? "cc" : "00")
              .append('-')
              .append(randomHex(32))
              .append('-')
              .append(randomHex(16))
              .append('-')
              .append(random.nextBoolean() ? "01" : "03");
      if (random.nextInt(4) == 0) {
        value.append(random.nextBoolean() ? "-x" : "x");
      }
      if (random.nextBoolean()) {
        value.setCharAt(random.nextInt(value.length()), "0aG-z. ".charAt(random.nextInt(7)));
      }
      String traceparent = value.toString();
      String[] fields = traceparent.split("-");
      boolean zero = fields.length > 2 && (fields[1].matches("0+") || fields[2].matches("0+"));
      boolean expected = valid.matcher(traceparent.strip()).matches() && !zero;
      Hop hop = Hops.through(base, 1, "traceparent: " + traceparent);
      assertEquals(200, hop.status(), traceparent);
      assertEquals(
          expected,
          traceparent.substring(3, 35).equals(hop.forwardedTraceId()),
          "seed " + seed + ": " + traceparent + " -> " + hop.call().single("traceparent"));
    }
  }
}
