package dev.tracegate.it.w3c;

import static dev.tracegate.it.w3c.Hops.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.w3c.Hops.Hop;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** W3C Baggage through a service on Liberty: grammar, limits, and never a broken request. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BaggageIT {
  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return Hops.war("w3c-baggage");
  }

  private String forwarded(String... baggageLines) {
    List<String> lines = new ArrayList<>(List.of("traceparent: " + VALID));
    lines.addAll(List.of(baggageLines));
    Hop hop = Hops.through(base, 1, lines.toArray(String[]::new));
    assertEquals(200, hop.status(), "baggage never breaks the request: " + hop.body());
    return hop.call().single("baggage");
  }

  private static Set<String> members(String header) {
    return header == null ? Set.of() : Set.of(header.split(","));
  }

  @Test
  void baggageIsPropagatedWithPropertiesAndPercentEncoding() {
    assertEquals(
        Set.of("user=alice%20smith;ttl=30", "tenant=acme"),
        members(forwarded("baggage: user=alice%20smith;ttl=30, tenant=acme")));
  }

  @Test
  void severalBaggageHeadersAreCombined() {
    assertEquals(
        Set.of("a=1", "b=2", "c=3"), members(forwarded("baggage: a=1", "Baggage: b=2,c=3")));
  }

  @Test
  void invalidMembersAreDroppedAndTheOthersKept() {
    assertEquals(
        Set.of("good=1", "also=2"),
        members(forwarded("baggage: good=1,bad key=x,semi;colon=y,=novalue,\"q\"=z,also=2,,")));
  }

  @Test
  void entirelyInvalidBaggageIsDropped() {
    assertNull(forwarded("baggage: ;;;,===,\\"));
  }

  @Test
  void atMost180MembersArePropagated() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      members.add("k" + i + "=" + i);
    }
    Set<String> sent = members(forwarded("baggage: " + String.join(",", members)));
    assertEquals(180, sent.size());
    assertEquals(Set.copyOf(members.subList(0, 180)), sent, "the first 180 members, whole");
  }

  @Test
  void atMost8192BytesArePropagatedInWholeMembers() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      members.add("k" + i + "=" + "v".repeat(1000));
    }
    String sent = forwarded("baggage: " + String.join(",", members));
    assertTrue(sent.length() <= 8192, "length " + sent.length());
    assertEquals(
        Set.copyOf(members.subList(0, 8)), members(sent), "eight whole members of 1003 bytes fit");
  }

  @Test
  void randomBaggageNeverBreaksTheRequestAndStaysWithinLimits() {
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    String chars = "ab9=,;% \t\"\\";
    for (int round = 0; round < 20; round++) {
      StringBuilder header = new StringBuilder();
      for (int i = 0; i < random.nextInt(random.nextBoolean() ? 60 : 3000); i++) {
        header.append(chars.charAt(random.nextInt(chars.length())));
      }
      String sent = forwarded("baggage: " + header);
      assertTrue(
          sent == null || sent.length() <= 8192 && sent.split(",").length <= 180, "seed " + seed);
    }
  }
}
