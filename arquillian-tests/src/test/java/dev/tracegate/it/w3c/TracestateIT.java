package dev.tracegate.it.w3c;

import static dev.tracegate.it.w3c.Hops.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.w3c.Hops.Hop;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * W3C Trace Context: which {@code tracestate} a service on Liberty accepts, and how it forwards it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracestateIT {
  /** The list-member grammar of the current W3C text, written independently of the extension. */
  private static final Pattern MEMBER =
      Pattern.compile(
          "[a-z0-9][a-z0-9_\\-*/@]{0,255}"
              + "=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return Hops.war("w3c-tracestate");
  }

  /**
   * The tracestate the application forwarded for the given incoming header lines (after a valid
   * traceparent).
   */
  private String forwarded(String... tracestateLines) {
    List<String> lines = new ArrayList<>(List.of("traceparent: " + VALID));
    lines.addAll(List.of(tracestateLines));
    Hop hop = Hops.through(base, 1, lines.toArray(String[]::new));
    assertEquals(200, hop.status(), hop.body());
    assertEquals(Hops.TRACE_ID, hop.forwardedTraceId());
    return hop.call().single("tracestate");
  }

  @Test
  void tracestateIsForwardedUnchangedInOrder() {
    assertEquals(
        "zz=1,aa=2,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
        forwarded("tracestate: zz=1,aa=2,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
  }

  @Test
  void severalTracestateHeadersAreCombinedInOrder() {
    assertEquals("b=2,a=1,c=3", forwarded("tracestate: b=2", "tracestate: a=1,c=3"));
    assertEquals("b=2,a=1", forwarded("TraceState: b=2", "TRACESTATE: a=1"));
  }

  @Test
  void emptyMembersAndWhitespaceAroundCommasAreTolerated() {
    assertEquals(
        "a=1,b=2,c=3",
        forwarded("tracestate: ,a=1 ,\t, b=2\t,,", "tracestate: ", "tracestate:  c=3 "));
  }

  @Test
  void keysWithAtSignsAnywhereButFirstAreAccepted() {
    String keys =
        "a=1,z0_-*/=2,1tenant@vendor=3,t@v_-*/=4,1digitfirst=5,foo@=6,foo@@bar=7,foo@bar@baz=8,t@1vendor=9";
    assertEquals(keys, forwarded("tracestate: " + keys));
    for (String key :
        List.of(
            "k".repeat(256),
            "t".repeat(241) + "@" + "v".repeat(14),
            "t".repeat(242) + "@v",
            "t@" + "v".repeat(15),
            "a" + "@".repeat(255))) {
      assertEquals(
          "foo=1," + key + "=1", forwarded("tracestate: foo=1", "tracestate: " + key + "=1"), key);
    }
  }

  @Test
  void valuesWithEveryAllowedCharacterAreAccepted() {
    StringBuilder value = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        value.append(c);
      }
    }
    assertEquals(
        "k=" + value + ",v=" + "x".repeat(256),
        forwarded("tracestate: k=" + value + ",v=" + "x".repeat(256)));
  }

  @Test
  void invalidKeyDiscardsTheWholeTracestate() {
    for (String key :
        List.of(
            "Upper",
            "k".repeat(257),
            "t".repeat(250) + "@" + "v".repeat(6),
            "a.b",
            "@v",
            "@",
            "_a")) {
      assertNull(forwarded("tracestate: good=1," + key + "=v"), key);
    }
  }

  @Test
  void invalidValueDiscardsTheWholeTracestate() {
    assertNull(forwarded("tracestate: good=1,bad=a=b"));
    assertNull(forwarded("tracestate: good=1,bad=" + "x".repeat(257)));
    assertNull(forwarded("tracestate: good=1,bad="));
    assertNull(forwarded("tracestate: good=1,bad=\u00e9"));
    assertNull(forwarded("tracestate: good=1,novalue"));
  }

  @Test
  void repeatedKeyKeepsItsFirstMemberAndEveryOtherMember() {
    assertEquals("foo=1", forwarded("tracestate: foo=1,foo=1"));
    assertEquals("foo=1", forwarded("tracestate: foo=1,foo=2"));
    assertEquals("foo=1", forwarded("tracestate: foo=1", "tracestate: foo=2"));
    assertEquals("a=1,b=2,c=4", forwarded("tracestate: a=1,b=2,a=3", "tracestate: c=4,b=5"));
  }

  @Test
  void thirtyTwoMembersAreKeptAndMoreDiscardTheWholeTracestate() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      members.add("k" + i + "=" + i);
    }
    assertEquals(
        String.join(",", members.subList(0, 32)),
        forwarded("tracestate: " + String.join(",", members.subList(0, 32))));
    assertNull(forwarded("tracestate: " + String.join(",", members)));
    assertNull(
        forwarded(
            "tracestate: " + String.join(",", members.subList(0, 20)),
            "tracestate: " + String.join(",", members.subList(20, 33))));
  }

  @Test
  void tracestateOver512CharactersLosesLargeMembersFirstThenMembersFromTheEnd() {
    List<String> small = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      small.add("k" + i + "=" + "v".repeat(20));
    }
    String large = "large=" + "x".repeat(150);
    String incoming =
        String.join(",", small.subList(0, 5))
            + ","
            + large
            + ","
            + String.join(",", small.subList(5, 25));
    String sent = forwarded("tracestate: " + incoming);
    assertTrue(sent.length() <= 512, sent.length() + ": " + sent);
    assertFalse(sent.contains("large="), "the member over 128 characters goes first");
    assertTrue(
        String.join(",", small).startsWith(sent + ","), "then whole members from the end: " + sent);
    int fitting = 0;
    while (fitting < small.size()
        && String.join(",", small.subList(0, fitting + 1)).length() <= 512) {
      fitting++;
    }
    assertEquals(
        String.join(",", small.subList(0, fitting)), sent, "no more is dropped than needed");
  }

  @Test
  void tracestateWithoutValidTraceparentIsIgnored() {
    Hop hop = Hops.through(base, 1, "tracestate: a=1");
    assertNull(hop.call().single("tracestate"));
  }

  @Test
  void randomTracestatesAreForwardedExactlyWhenValid() {
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    String keyChars = "abz09_-*/@@A.";
    String valueChars = "az09 !~+=,";
    for (int round = 0; round < 30; round++) {
      List<String> members = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 6); i++) {
        StringBuilder member =
            new StringBuilder("k" + (random.nextInt(6) == 0 ? random.nextInt(i + 1) : i));
        if (random.nextInt(6) == 0) {
          member.setLength(0);
          for (int c = 0; c < 1 + random.nextInt(6); c++) {
            member.append(keyChars.charAt(random.nextInt(keyChars.length())));
          }
        }
        member.append('=');
        for (int c = 0; c < 1 + random.nextInt(8); c++) {
          member.append(
              random.nextInt(8) == 0
                  ? valueChars.charAt(random.nextInt(valueChars.length()))
                  : 'v');
        }
        members.add(member.toString());
      }
      String header = String.join(",", members);
      // Empty members (a comma inside a random value makes some) are tolerated, not counted.
      List<String> parts =
          Stream.of(header.split(",", -1)).map(String::strip).filter(p -> !p.isEmpty()).toList();
      boolean valid =
          !parts.isEmpty()
              && parts.size() <= 32
              && parts.stream().allMatch(p -> MEMBER.matcher(p).matches());
      // A repeated key keeps its first member.
      Map<String, String> firsts = new LinkedHashMap<>();
      if (valid) {
        parts.forEach(p -> firsts.putIfAbsent(p.substring(0, p.indexOf('=')), p));
      }
      String expected = valid ? String.join(",", firsts.values()) : null;
      assertEquals(expected, forwarded("tracestate: " + header), "seed " + seed + ": " + header);
    }
  }
}
