package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class W3CBaggageTest {
  private static final W3CBaggage BAGGAGE = W3CBaggage.getInstance();

  private static Baggage extracted(String... headers) {
    return Baggage.fromContext(
        BAGGAGE.extract(Context.root(), Headers.of(headers), Headers.GETTER));
  }

  @Test
  void membersOfSeveralHeadersAreDecodedWithTheirProperties() {
    Baggage baggage = extracted("baggage", "user=alice%20b ; ttl=30", "baggage", " , tenant=acme");
    assertEquals("alice b", baggage.getEntryValue("user"));
    assertEquals("ttl=30", baggage.asMap().get("user").getMetadata().getValue());
    assertEquals("acme", baggage.getEntryValue("tenant"));
  }

  @Test
  void invalidMemberDropsOnlyItself() {
    Baggage baggage = extracted("baggage", "good=1,bad key=2,\"q\"=3,also=fine,=x,semi;colon=4");
    assertEquals(2, baggage.size(), baggage.toString());
    assertEquals("fine", baggage.getEntryValue("also"));
  }

  @Test
  void oneHundredEightyMembersAreKeptAndMoreAreDropped() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      members.add("k" + i + "=" + i);
    }
    Baggage baggage = extracted("baggage", String.join(",", members));
    assertEquals(180, baggage.size());
    assertEquals("179", baggage.getEntryValue("k179"));
    assertNull(baggage.getEntryValue("k180"));

    Headers out = new Headers();
    BAGGAGE.inject(Context.root().with(baggage), out, Headers.SETTER);
    assertEquals(180, out.single("baggage").split(",").length);
  }

  @Test
  void eachBaggageIsSentAsItsOwnHeaderWhenCallsAlternate() {
    Baggage first = extracted("baggage", "user=alice,tenant=acme");
    Baggage second = extracted("baggage", "user=bob");
    for (int call = 0; call < 2; call++) {
      Headers toFirst = new Headers();
      BAGGAGE.inject(Context.root().with(first), toFirst, Headers.SETTER);
      Headers toSecond = new Headers();
      BAGGAGE.inject(Context.root().with(second), toSecond, Headers.SETTER);
      assertEquals(
          new TreeMap<>(first.asMap()),
          new TreeMap<>(extracted("baggage", toFirst.single("baggage")).asMap()));
      assertEquals("user=bob", toSecond.single("baggage"));
    }
  }

  @Test
  void membersBeyond8192BytesAreDroppedWhole() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      members.add("k" + i + "=" + "v".repeat(1000));
    }
    Baggage baggage = extracted("baggage", String.join(",", members));
    assertEquals(8, baggage.size(), "eight members of 1003 bytes fit in 8192 with their commas");
    Headers out = new Headers();
    BAGGAGE.inject(Context.root().with(baggage), out, Headers.SETTER);
    assertTrue(out.single("baggage").length() <= 8192);
  }

  @Test
  void randomHeadersNeverFailAndStayWithinLimits() {
    Random random = new Random(3);
    for (int round = 0; round < 500; round++) {
      List<String> headers = new ArrayList<>();
      for (int h = 0; h < 1 + random.nextInt(3); h++) {
        headers.add("baggage");
        headers.add(
            TracestateTest.randomString(
                random, "ab=,;% \t\"\\9", random.nextInt(random.nextBoolean() ? 40 : 12_000)));
      }
      Baggage baggage = extracted(headers.toArray(String[]::new));
      assertTrue(baggage.size() <= 180);
      Headers out = new Headers();
      BAGGAGE.inject(Context.root().with(baggage), out, Headers.SETTER);
      String sent = out.single("baggage");
      assertTrue(sent == null || sent.length() <= 8192 && sent.split(",").length <= 180);
      if (sent != null) {
        assertEquals(
            new TreeMap<>(baggage.asMap()),
            new TreeMap<>(extracted("baggage", sent).asMap()),
            "what we send reads back the same");
      }
    }
  }
}
