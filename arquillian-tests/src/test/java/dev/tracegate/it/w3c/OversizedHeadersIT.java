package dev.tracegate.it.w3c;

import static dev.tracegate.it.w3c.Hops.TRACE_ID;
import static dev.tracegate.it.w3c.Hops.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.TestServer;
import dev.tracegate.it.w3c.Hops.Hop;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Oversized propagation headers over real HTTP: the request succeeds with the application's own
 * response, and the header is treated as invalid. Liberty's HTTP channel refuses a header line over
 * its {@code limitFieldSize} (32768 bytes by default) before any application sees it, so the
 * largest values here stay just under that.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OversizedHeadersIT {
  /** Under Liberty's default limitFieldSize of 32768 bytes, with room for the header name. */
  private static final int JUST_UNDER_LIBERTY_LIMIT = 32_768 - 64;

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return Hops.war("w3c-oversized");
  }

  private Hop succeeded(String... headerLines) {
    Hop hop = Hops.through(base, 1, headerLines);
    assertEquals(200, hop.status(), hop.body());
    assertTrue(
        hop.body().startsWith("status=200"), "the application's own response: " + hop.body());
    return hop;
  }

  @Test
  void eightKilobyteTraceparentStartsANewTrace() {
    Hop hop = succeeded("traceparent: " + "01" + VALID.substring(2) + "-" + "a".repeat(8192));
    assertNotEquals(TRACE_ID, hop.forwardedTraceId());
  }

  @Test
  void traceparentJustUnderLibertysLimitStartsANewTrace() {
    String higherVersion = "01" + VALID.substring(2) + "-";
    Hop hop =
        succeeded(
            "traceparent: "
                + higherVersion
                + "a".repeat(JUST_UNDER_LIBERTY_LIMIT - higherVersion.length()));
    assertNotEquals(TRACE_ID, hop.forwardedTraceId());
  }

  @Test
  void tracestateJustUnderLibertysLimitIsDroppedAndTheTraceContinued() {
    Hop hop =
        succeeded(
            "traceparent: " + VALID, "tracestate: a=1" + ",".repeat(JUST_UNDER_LIBERTY_LIMIT - 3));
    assertEquals(TRACE_ID, hop.forwardedTraceId());
    assertNull(hop.call().single("tracestate"));
  }

  @Test
  void baggageJustUnderLibertysLimitIsReadOnlyUpTo8192Characters() {
    Hop hop =
        succeeded(
            "traceparent: " + VALID,
            "baggage: early=1" + ",".repeat(JUST_UNDER_LIBERTY_LIMIT - 16 - 7) + ",late=2");
    assertEquals("early=1", hop.call().single("baggage"));
  }

  @Test
  void headerOverLibertysLimitIsRefusedByLibertyNotByTracegate() {
    TestServer.assumeLiberty(
        "the header-size limit and the status for a header over it are the server's own (docs/fuzzing.md)");
    Hop hop =
        Hops.through(base, 1, "traceparent: " + VALID, "tracestate: a=1" + ",".repeat(100_000));
    assertTrue(hop.status() == 400 || hop.status() == 431, "Liberty refuses it: " + hop.status());
  }
}
