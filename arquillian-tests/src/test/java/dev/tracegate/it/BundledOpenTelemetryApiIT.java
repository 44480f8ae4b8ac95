package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.ApiUserResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
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
 * An application that bundles its own, older OpenTelemetry API (1.62.0 in {@code WEB-INF/lib}) on a
 * server with Tracegate in {@code lib/global}: Open Liberty resolves the application's
 * OpenTelemetry classes to the server-wide library first, so the application runs on Tracegate's
 * API, its injected {@code Tracer} records into Tracegate's trace, and its own copy is never
 * loaded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BundledOpenTelemetryApiIT {
  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    WebArchive war =
        TestServer.war(
            "bundled-api",
            Map.of("tracing.random_sampling", "100"),
            TestApplication.class,
            ApiUserResource.class);
    // copied by pom.xml (execution extension-jar)
    war.addAsLibraries(
        new File("target/bundled-opentelemetry/opentelemetry-api.jar"),
        new File("target/bundled-opentelemetry/opentelemetry-context.jar"));
    return war;
  }

  @Test
  void theApplicationRunsOnTracegatesApiAndItsSpanJoinsTheRequestsTrace() {
    // In WEB-INF/lib both copies share one class loader and which comes first is the server's
    // choice.
    assumeFalse(
        TestServer.extensionInWar(), "the lib/global route; see docs/servers.md for WEB-INF/lib");
    String traceId = TracingIT.randomHex(32);

    HttpResponse<String> response =
        Http.get(
            base + "api/api-user",
            "traceparent",
            "00-" + traceId + "-" + TracingIT.randomHex(16) + "-01");

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("trace=" + traceId), response.body());
    assertTrue(
        response.body().contains("tracegate-extension"),
        "OpenTelemetry's API from Tracegate's jar: " + response.body());
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 2);
    ReceivedSpan server =
        trace.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
    ReceivedSpan work =
        trace.stream().filter(s -> s.name().equals("application work")).findFirst().orElseThrow();
    assertEquals(
        server.spanId(),
        work.parentSpanId(),
        "the application's span is a child of the SERVER span: " + trace);
  }
}
