package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The default export: OTLP over gRPC, with no protocol configured, from the shaded jar to a real
 * gRPC receiver; resource, scope and span fields arrive intact.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GrpcExportIT {
  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "grpc-export",
        Map.of(
            "tracing.random_sampling", "100",
            "otel.exporter.otlp.protocol", "", // unset: OpenTelemetry's default, gRPC
            "otel.exporter.otlp.endpoint", OtlpReceiver.shared().grpcEndpoint(),
            "otel.resource.attributes", "deployment.environment.name=test"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Test
  void spansArriveOverOtlpGrpcByDefault() {
    String traceId = TracingIT.randomHex(32);
    Http.post(
        base + "api/call",
        base + "api/echo",
        "traceparent",
        "00-" + traceId + "-" + TracingIT.randomHex(16) + "-01");
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 3);
    assertEquals(3, trace.size(), trace.toString());
    ReceivedSpan server =
        TracingIT.single(trace, SpanKind.SPAN_KIND_SERVER, "POST /grpc-export/api/call");
    assertEquals("grpc-export", server.service());
    assertEquals("dev.tracegate", server.scope());
    assertEquals("test", server.resourceAttribute("deployment.environment.name"));
    assertEquals("java", server.resourceAttribute("telemetry.sdk.language"));
  }
}
