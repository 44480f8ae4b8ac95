package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Custom SERVER span attributes from request headers and from static configuration. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SpanAttributesIT {
  private static final String APP = "span-attributes";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of(
            "tracing.random_sampling", "100",
            // "author" and "cook" match credential headers on purpose: those must still never be
            // captured.
            "tracing.span_attributes.header_prefixes", "X-Attr-,author,cook",
            "tracing.span_attributes.static.deployment.zone", "eu-1",
            "tracing.span_attributes.static.team", "payments"),
        TestApplication.class,
        EchoResource.class);
  }

  private ReceivedSpan serverSpan(String... headers) {
    String traceId = TracingIT.randomHex(32);
    String[] all = new String[headers.length + 2];
    all[0] = "traceparent";
    all[1] = ExcludedPathsIT.traceparent(traceId, TracingIT.randomHex(16));
    System.arraycopy(headers, 0, all, 2, headers.length);
    assertEquals(200, Http.get(base + "api/echo", all).statusCode());
    return TracingIT.single(
        OtlpReceiver.shared().awaitTrace(traceId, 1),
        SpanKind.SPAN_KIND_SERVER,
        "GET /" + APP + "/api/echo");
  }

  @Test
  void prefixedHeadersBecomeAttributesAndOverrideStaticOnes() {
    ReceivedSpan span = serverSpan("X-Attr-Tenant-Id", "acme", "X-Attr-Team", "checkout");
    assertEquals("acme", span.attribute("tenant.id"));
    assertEquals("checkout", span.attribute("team"), "a header value overrides the static one");
    assertEquals("eu-1", span.attribute("deployment.zone"));
  }

  @Test
  void staticAttributesApplyWithoutHeaders() {
    ReceivedSpan span = serverSpan();
    assertEquals("payments", span.attribute("team"));
    assertEquals("eu-1", span.attribute("deployment.zone"));
  }

  @Test
  void credentialsAreNeverCaptured() {
    ReceivedSpan span =
        serverSpan(
            "Authorization",
            "Bearer secret-token",
            "Cookie",
            "session=secret-cookie",
            "X-Attr-Tenant-Id",
            "acme");
    assertNull(span.attribute("ization"));
    assertNull(span.attribute("ie"));
    assertEquals("acme", span.attribute("tenant.id"), "other headers are still captured");
    assertFalse(
        span.span().getAttributesList().toString().contains("secret"),
        span.span().getAttributesList().toString());
  }
}
