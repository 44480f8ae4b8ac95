package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Oversized headers are invalid, and decided on their length before any trimming, splitting or
 * parsing: each case below pads a value the parser would accept, so only the length check can be
 * what rejects it. That is the O(limit) promise, pinned by the code path rather than by timing.
 */
class OversizedHeadersTest {
  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private static SpanContext parent(String... headers) {
    return Span.fromContext(
            W3CTraceContext.getInstance()
                .extract(Context.root(), Headers.of(headers), Headers.GETTER))
        .getSpanContext();
  }

  private static Baggage baggage(String... headers) {
    return Baggage.fromContext(
        W3CBaggage.getInstance().extract(Context.root(), Headers.of(headers), Headers.GETTER));
  }

  @Test
  void traceparentPaddedBeyondTheLimitIsInvalidThoughTrimmingWouldMakeItValid() {
    assertTrue(parent("traceparent", " ".repeat(100) + VALID).isValid());
    assertFalse(parent("traceparent", " ".repeat(8192) + VALID).isValid());
  }

  @Test
  void eightKilobyteHigherVersionTraceparentIsInvalidThoughItsFirst55CharactersParse() {
    String higherVersion = "01" + VALID.substring(2) + "-";
    assertTrue(parent("traceparent", higherVersion + "a".repeat(100)).isValid());
    assertFalse(parent("traceparent", higherVersion + "a".repeat(8192)).isValid());
  }

  @Test
  void traceparentAtTheLimitIsStillRead() {
    String higherVersion = "01" + VALID.substring(2) + "-";
    String atLimit =
        higherVersion + "a".repeat(W3CTraceContext.MAX_TRACEPARENT_LENGTH - higherVersion.length());
    assertEquals(W3CTraceContext.MAX_TRACEPARENT_LENGTH, atLimit.length());
    assertTrue(parent("traceparent", atLimit).isValid());
  }

  @Test
  void tracestateOf100KilobytesIsDiscardedBeforeItIsSplit() {
    // Empty members are tolerated, so splitting and checking this list would keep "a=1".
    assertEquals(
        Optional.of("a=1"),
        Tracestate.combine(List.of("a=1" + ",".repeat(100))).map(Object::toString));
    assertEquals(Optional.empty(), Tracestate.combine(List.of("a=1" + ",".repeat(100_000))));
  }

  @Test
  void manyTracestateHeadersTogetherOverTheLimitAreDiscarded() {
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      headers.add(" ");
    }
    headers.add("a=1");
    assertEquals(Optional.empty(), Tracestate.combine(headers));
  }

  @Test
  void theLongestValidTracestateIsKept() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < Tracestate.MAX_MEMBERS; i++) {
      String key = (char) ('a' + i % 26) + String.valueOf(i) + "k".repeat(256);
      members.add(key.substring(0, 256) + "=" + "v".repeat(256));
    }
    String longest = String.join(",", members);
    assertEquals(Tracestate.MAX_RECEIVED_LENGTH, longest.length());
    assertEquals(Optional.of(longest), Tracestate.combine(List.of(longest)).map(Object::toString));
    assertEquals(Optional.empty(), Tracestate.combine(List.of(longest + " ")));
  }

  @Test
  void baggageBeyondItsFirst8192CharactersIsNotRead() {
    assertEquals(
        "2", baggage("baggage", "early=1" + ",".repeat(100) + ",late=2").getEntryValue("late"));
    Baggage huge = baggage("baggage", "early=1" + ",".repeat(100_000) + ",late=2");
    assertEquals("1", huge.getEntryValue("early"));
    assertEquals(null, huge.getEntryValue("late"), "a member past 8192 characters is never parsed");
  }

  @Test
  void baggageMemberCutByTheLimitIsDroppedWhole() {
    String filler = "f=" + "x".repeat(8192 - 2 - 1); // ends one character before the limit
    Baggage baggage = baggage("baggage", filler + ",cut=" + "y".repeat(100));
    assertEquals(1, baggage.size());
    assertEquals(null, baggage.getEntryValue("cut"));
  }

  @Test
  void thousandsOfBaggageHeadersAreReadOnlyUpToTheLimit() {
    String[] headers = new String[2 * 20_000];
    for (int i = 0; i < 20_000; i++) {
      headers[2 * i] = "baggage";
      headers[2 * i + 1] = "k" + i + "=v";
    }
    Baggage baggage = baggage(headers);
    assertEquals("v", baggage.getEntryValue("k0"));
    assertEquals(null, baggage.getEntryValue("k19999"));
    assertTrue(baggage.size() <= W3CBaggage.MAX_MEMBERS);
  }

  /**
   * Property: any value longer than its limit, of any characters, is invalid, whatever it would
   * parse to.
   */
  @Test
  void randomOversizedValuesAreAlwaysInvalid() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String alphabet = " \t,=;-0123456789abcdef@*/%\u00e9\u0000\u007f";
    for (int round = 0; round < 200; round++) {
      StringBuilder padding = new StringBuilder();
      int length = Tracestate.MAX_RECEIVED_LENGTH + 1 + random.nextInt(50_000);
      for (int i = 0; i < length; i++) {
        padding.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = padding.toString();
      assertFalse(parent("traceparent", VALID + value).isValid(), "seed " + seed);
      assertFalse(parent("traceparent", value + VALID).isValid(), "seed " + seed);
      assertEquals(Optional.empty(), Tracestate.combine(List.of("a=1," + value)), "seed " + seed);
      assertEquals(
          null, baggage("baggage", value + ",late=2").getEntryValue("late"), "seed " + seed);
    }
  }
}
