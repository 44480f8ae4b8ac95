package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.HealthResource;
import dev.tracegate.it.app.RootApplication;
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
 * With no {@code tracing.exclude_paths}, {@code /health} (and below) at the context root is not
 * traced.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DefaultExcludedPathsIT {
  private static final String APP = "default-excluded";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of("tracing.random_sampling", "100"),
        RootApplication.class,
        HealthResource.class,
        EchoResource.class);
  }

  @Test
  void healthEndpointIsExcludedByDefault() {
    String healthTrace = TracingIT.randomHex(32);
    assertEquals(
        200,
        Http.get(
                base + "health",
                "traceparent",
                ExcludedPathsIT.traceparent(healthTrace, TracingIT.randomHex(16)))
            .statusCode());
    String echoTrace = TracingIT.randomHex(32);
    assertEquals(
        200,
        Http.get(
                base + "echo",
                "traceparent",
                ExcludedPathsIT.traceparent(echoTrace, TracingIT.randomHex(16)))
            .statusCode());

    TracingIT.single(
        OtlpReceiver.shared().awaitTrace(echoTrace, 1),
        SpanKind.SPAN_KIND_SERVER,
        "GET /" + APP + "/echo");
    assertEquals(
        List.of(),
        OtlpReceiver.shared().spans().stream()
            .filter(span -> span.traceId().equals(healthTrace))
            .toList());
  }
}
