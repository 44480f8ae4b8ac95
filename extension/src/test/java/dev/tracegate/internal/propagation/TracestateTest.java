package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TracestateTest {
  /**
   * The ABNF of the current W3C text, written independently of the code as a regular expression.
   */
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-*/@]{0,255}");

  private static final Pattern VALUE =
      Pattern.compile(
          "[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");
  private static final String KEY_CHARS = "abcz09_-*/@A.= \t";
  private static final String VALUE_CHARS = "az09 !~+,=\t\u00e9";

  @Test
  void keysFollowTheCurrentGrammarWithAtSignsAnywhereButFirst() {
    for (String key :
        List.of(
            "a",
            "1abc",
            "a" + "b".repeat(255),
            "foo@",
            "foo@@bar",
            "foo@bar@baz",
            "1tenant@vendor",
            "t".repeat(241) + "@" + "v".repeat(14),
            "t".repeat(242) + "@v",
            "t@" + "v".repeat(15),
            "t@1vendor",
            "t@",
            "z0_-*/@")) {
      assertTrue(Tracestate.isValidKey(key), key);
    }
    for (String key :
        List.of(
            "",
            "@v",
            "@",
            "a" + "b".repeat(256),
            "t".repeat(250) + "@" + "v".repeat(6),
            "Upper",
            "a.b",
            "a b",
            "_a",
            "-a",
            "*a",
            "/a",
            "a=b")) {
      assertFalse(Tracestate.isValidKey(key), key);
    }
  }

  @Test
  void valuesArePrintableAsciiWithoutCommaOrEqualsOrTrailingSpace() {
    assertTrue(Tracestate.isValidValue(" leading space is allowed"));
    assertFalse(Tracestate.isValidValue("trailing "));
    assertFalse(Tracestate.isValidValue(""));
    assertTrue(Tracestate.isValidValue("x".repeat(256)));
    assertFalse(Tracestate.isValidValue("x".repeat(257)));
    assertFalse(Tracestate.isValidValue("a=b"));
    assertFalse(Tracestate.isValidValue("tab\there"));
  }

  @Test
  void randomKeysAndValuesAgreeWithTheAbnf() {
    Random random = new Random(20240611);
    for (int i = 0; i < 20_000; i++) {
      String key =
          randomString(
              random,
              KEY_CHARS,
              random.nextInt(2) == 0 ? 1 + random.nextInt(20) : random.nextInt(300));
      assertEquals(KEY.matcher(key).matches(), Tracestate.isValidKey(key), "key " + key);
      String value =
          randomString(
              random,
              VALUE_CHARS,
              random.nextInt(2) == 0 ? random.nextInt(10) : random.nextInt(300));
      assertEquals(
          VALUE.matcher(value).matches(), Tracestate.isValidValue(value), "value " + value);
    }
  }

  /** The combined list as the header value that is forwarded. */
  static Optional<String> combined(String... headerValues) {
    return Tracestate.combine(List.of(headerValues)).map(Object::toString);
  }

  @Test
  void headersCombineInOrderDroppingEmptyMembersAndWhitespace() {
    assertEquals(Optional.of("a=1,b=2,c=3"), combined(" a=1 ,\t,", "", "b=2\t, c=3 "));
  }

  @Test
  void anyInvalidMemberDiscardsTheWholeList() {
    assertEquals(Optional.empty(), combined("a=1,B=2"));
    assertEquals(Optional.empty(), combined("a=1,novalue"));
    assertEquals(Optional.empty(), combined("@foo=1,bar=2"));
  }

  @Test
  void membersWithAtSignsInTheirKeysAreKeptWithTheRest() {
    assertEquals(Optional.of("foo@=1,bar=2"), combined("foo@=1,bar=2"));
    assertEquals(Optional.of("foo@@bar=1,bar=2"), combined("foo@@bar=1,bar=2"));
    assertEquals(Optional.of("foo@bar@baz=1,bar=2"), combined("foo@bar@baz=1,bar=2"));
  }

  @Test
  void aRepeatedKeyKeepsItsFirstMemberAndEveryOtherMember() {
    assertEquals(Optional.of("foo=1"), combined("foo=1,foo=1"));
    assertEquals(Optional.of("foo=1"), combined("foo=1,foo=2"));
    assertEquals(Optional.of("foo=1"), combined("foo=1", "foo=2"));
    assertEquals(Optional.of("a=1,b=2,c=4"), combined("a=1,b=2", "a=3,c=4,b=5"));
  }

  @Test
  void thirtyThreeMembersAsReceivedAreTooManyEvenWithARepeatedKey() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      members.add("k" + i + "=v");
    }
    members.add("k0=again");
    assertEquals(Optional.empty(), Tracestate.combine(members));
  }

  @Test
  void thirtyTwoMembersAreKeptAndThirtyThreeDiscarded() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      members.add("k" + i + "=v");
    }
    assertEquals(
        Optional.of(String.join(",", members.subList(0, 32))),
        Tracestate.combine(members.subList(0, 32)).map(Object::toString));
    assertEquals(Optional.empty(), Tracestate.combine(members));
  }

  @Test
  void aReceivedListIsAnOpenTelemetryTraceStateWithItsKeysInOrder() {
    TraceState state = Tracestate.combine(List.of("foo@@bar=1,b=2", "t@=3")).orElseThrow();
    assertEquals(3, state.size());
    assertEquals("1", state.get("foo@@bar"));
    assertEquals(List.of("foo@@bar", "b", "t@"), List.copyOf(state.asMap().keySet()));
    assertEquals(state, Tracestate.combine(List.of("foo@@bar=1,b=2,t@=3")).orElseThrow());
  }

  @Test
  void anAddedOrUpdatedKeyMovesToTheFrontAndA33rdMemberPushesOutTheLastOne() {
    TraceState state = Tracestate.combine(List.of("a=1,b@=2,c=3")).orElseThrow();
    assertEquals("c=9,a=1,b@=2", state.toBuilder().put("c", "9").build().toString());
    assertEquals("new@@x=0,a=1,b@=2,c=3", state.toBuilder().put("new@@x", "0").build().toString());
    assertEquals(
        "a=1,c=3",
        state.toBuilder().remove("b@").put("@bad", "1").put("d", "bad,value").build().toString());
    assertEquals(
        TraceState.getDefault(), state.toBuilder().remove("a").remove("b@").remove("c").build());

    List<String> members = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      members.add("k" + i + "=v");
    }
    TraceState full = Tracestate.combine(members).orElseThrow();
    TraceState added = full.toBuilder().put("new", "1").build();
    assertEquals(32, added.size());
    assertEquals("1", added.get("new"));
    assertNull(added.get("k31"), "the right-most member goes");
  }

  @Test
  void truncationDropsLargeMembersFirstThenFromTheEnd() {
    String big = "big=" + "x".repeat(200);
    List<String> small = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      small.add("k" + i + "=" + "y".repeat(16));
    }
    String list =
        String.join(",", small.subList(0, 10))
            + ","
            + big
            + ","
            + String.join(",", small.subList(10, 20));
    String truncated = Tracestate.truncate(list, 512);
    assertFalse(truncated.contains("big="), "the member over 128 characters goes first");
    assertEquals(String.join(",", small), truncated, "then nothing more is dropped");

    String many = String.join(",", small) + "," + String.join(",", small).replace("k", "m");
    String cut = Tracestate.truncate(many, 512);
    assertTrue(cut.length() <= 512);
    assertTrue(many.startsWith(cut + ","), "members are dropped from the end, whole: " + cut);
  }

  @Test
  void randomListsAreNeverCutInsideAMember() {
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      List<String> members = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(32); i++) {
        members.add(
            "k" + i + "=" + "v".repeat(1 + random.nextInt(random.nextBoolean() ? 40 : 250)));
      }
      String list = String.join(",", members);
      String truncated = Tracestate.truncate(list, 512);
      assertTrue(truncated.length() <= 512);
      List<String> kept = truncated.isEmpty() ? List.of() : List.of(truncated.split(","));
      assertTrue(members.containsAll(kept), "only whole members");
      assertEquals(kept, members.stream().filter(kept::contains).toList(), "order kept");
      if (list.length() <= 512) {
        assertEquals(list, truncated, "short lists are untouched");
      } else if (kept.stream().anyMatch(member -> member.length() > 128)) {
        assertTrue(
            members.stream().filter(member -> member.length() <= 128).allMatch(kept::contains),
            "a small member is dropped only after every large one: " + truncated);
      }
    }
  }

  static String randomString(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
