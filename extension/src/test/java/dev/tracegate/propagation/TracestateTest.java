package dev.tracegate.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TracestateTest {
  /** The ABNF of the W3C Recommendation, written independently of the code as a regular expression. */
  private static final Pattern KEY = Pattern.compile(
      "[a-z][a-z0-9_\\-*/]{0,255}|[a-z0-9][a-z0-9_\\-*/]{0,240}@[a-z][a-z0-9_\\-*/]{0,13}");
  private static final Pattern VALUE = Pattern.compile("[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");
  private static final String KEY_CHARS = "abcz09_-*/@A.= \t";
  private static final String VALUE_CHARS = "az09 !~+,=\t\u00e9";

  @Test
  void simpleAndMultiTenantKeysFollowTheGrammar() {
    assertTrue(Tracestate.isValidKey("a"));
    assertTrue(Tracestate.isValidKey("a" + "b".repeat(255)));
    assertFalse(Tracestate.isValidKey("a" + "b".repeat(256)));
    assertFalse(Tracestate.isValidKey("1abc"), "a simple key starts with a letter");
    assertTrue(Tracestate.isValidKey("1tenant@vendor"), "a tenant id may start with a digit");
    assertTrue(Tracestate.isValidKey("t".repeat(241) + "@" + "v".repeat(14)));
    assertFalse(Tracestate.isValidKey("t".repeat(242) + "@v"));
    assertFalse(Tracestate.isValidKey("t@" + "v".repeat(15)));
    assertFalse(Tracestate.isValidKey("t@1vendor"), "a system id starts with a letter");
    assertFalse(Tracestate.isValidKey("t@v@w"));
    assertFalse(Tracestate.isValidKey("@v"));
    assertFalse(Tracestate.isValidKey("t@"));
    assertFalse(Tracestate.isValidKey("Upper"));
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
      String key = randomString(random, KEY_CHARS, random.nextInt(2) == 0 ? 1 + random.nextInt(20) : random.nextInt(300));
      assertEquals(KEY.matcher(key).matches(), Tracestate.isValidKey(key), "key " + key);
      String value = randomString(random, VALUE_CHARS, random.nextInt(2) == 0 ? random.nextInt(10) : random.nextInt(300));
      assertEquals(VALUE.matcher(value).matches(), Tracestate.isValidValue(value), "value " + value);
    }
  }

  @Test
  void headersCombineInOrderDroppingEmptyMembersAndWhitespace() {
    assertEquals(Optional.of("a=1,b=2,c=3"), Tracestate.combine(List.of(" a=1 ,\t,", "", "b=2\t, c=3 ")));
  }

  @Test
  void anyInvalidMemberDiscardsTheWholeList() {
    assertEquals(Optional.empty(), Tracestate.combine(List.of("a=1,B=2")));
    assertEquals(Optional.empty(), Tracestate.combine(List.of("a=1,novalue")));
  }

  @Test
  void duplicatedKeyAcrossHeadersDiscardsTheWholeList() {
    assertEquals(Optional.empty(), Tracestate.combine(List.of("a=1", "a=2")));
  }

  @Test
  void thirtyTwoMembersAreKeptAndThirtyThreeDiscarded() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      members.add("k" + i + "=v");
    }
    assertTrue(Tracestate.combine(members.subList(0, 32)).isPresent());
    assertEquals(Optional.empty(), Tracestate.combine(members));
  }

  @Test
  void truncationDropsLargeMembersFirstThenFromTheEnd() {
    String big = "big=" + "x".repeat(200);
    List<String> small = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      small.add("k" + i + "=" + "y".repeat(16));
    }
    String list = String.join(",", small.subList(0, 10)) + "," + big + "," + String.join(",", small.subList(10, 20));
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
        members.add("k" + i + "=" + "v".repeat(1 + random.nextInt(random.nextBoolean() ? 40 : 250)));
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
        assertTrue(members.stream().filter(member -> member.length() <= 128).allMatch(kept::contains),
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
