package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that is no CDI deployment (no beans.xml, no bean-defining annotation) is traced
 * too: with the jar server-wide no CDI container runs Tracegate's extension for it (WildFly's
 * global module), so the filters read its MicroProfile Config and start its tracing themselves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WithoutCdiIT {
  private static final String APP = "without-cdi";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    WebArchive war =
        TestServer.war(
            APP,
            Map.of("tracing.random_sampling", "100"),
            TestApplication.class,
            EchoResource.class,
            CallResource.class);
    assertNull(war.get("WEB-INF/beans.xml"), "no beans.xml");
    return war;
  }

  @Test
  void aRequestAndItsClientCallAreTraced() {
    String traceId = TracingIT.randomHex(32);
    String url = base + "api/";
    Traceparent forwarded =
        Http.echoedTraceparent(
            Http.post(
                    url + "call",
                    url + "echo",
                    "traceparent",
                    "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(),
            0);
    assertEquals(traceId, forwarded.traceId());
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 3);
    assertEquals(
        2,
        trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).count(),
        trace.toString());
    assertEquals(
        1,
        trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).count(),
        trace.toString());
    trace.forEach(span -> assertEquals(APP, span.service()));
  }
}
