package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

/** One test per finding of the fuzzer (docs/fuzzing.md), with its input reduced to what matters. */
class FuzzFindingsTest {
  private static Baggage received(String header) {
    return Baggage.fromContext(
        W3CBaggage.getInstance()
            .extract(Context.root(), Headers.of("baggage", header), Headers.GETTER));
  }

  private static String sent(Baggage baggage) {
    Headers out = new Headers();
    W3CBaggage.getInstance().inject(baggage.storeInContext(Context.root()), out, Headers.SETTER);
    return out.single("baggage");
  }

  /**
   * Finding 2 (crash-148a75ac...): OpenTelemetry kept "= [9 Aga" as a property and we sent it on.
   */
  @Test
  void memberWithAnInvalidPropertyIsDroppedNotForwarded() {
    Baggage baggage = received("a=;= [9 Aga,b=2;p;q=1");
    assertNull(baggage.getEntryValue("a"));
    assertEquals("2", baggage.getEntryValue("b"));
    assertEquals("b=2;p;q=1", sent(baggage));
  }

  /**
   * Finding 1 (crash-f93c26cd...): a member under 8192 bytes whose encoding ('=' becomes %3D) is
   * over them is not sent.
   */
  @Test
  void memberWhoseEncodingExceedsTheLimitIsNotSent() {
    Baggage baggage = received("k=" + "=".repeat(3000));
    assertEquals(1, baggage.size());
    assertNull(sent(baggage));
  }
}
