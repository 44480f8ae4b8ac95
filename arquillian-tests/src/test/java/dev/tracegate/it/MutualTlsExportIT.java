package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.Export;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OTLP over both protocols to a receiver that only speaks mutual TLS, everything set in the
 * application's MicroProfile Config: the custom CA ({@code otel.exporter.otlp.certificate}), the
 * exporter's client certificate and key, an API-key header, gzip compression and a timeout. The
 * resource, scope and span fields arrive intact.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MutualTlsExportIT {
  private static final TestCertificates CERTIFICATES =
      TestCertificates.create(Path.of("target", "test-certificates").toAbsolutePath());
  private static final OtlpReceiver RECEIVER = OtlpReceiver.startMutualTls(CERTIFICATES);
  private static final String API_KEY = "test-key-" + TracingIT.randomHex(8);

  @ArquillianResource
  @OperateOnDeployment("mtls-http")
  private java.net.URL httpApp;

  @ArquillianResource
  @OperateOnDeployment("mtls-grpc")
  private java.net.URL grpcApp;

  @Deployment(name = "mtls-http", testable = false)
  static WebArchive httpProtobuf() {
    return application("mtls-http", "http/protobuf", RECEIVER.endpoint());
  }

  @Deployment(name = "mtls-grpc", testable = false)
  static WebArchive grpc() {
    return application("mtls-grpc", "grpc", RECEIVER.grpcEndpoint());
  }

  private static WebArchive application(String name, String protocol, String endpoint) {
    Map<String, String> config = new HashMap<>();
    config.put("tracing.random_sampling", "100");
    config.put("otel.exporter.otlp.protocol", protocol);
    config.put("otel.exporter.otlp.endpoint", endpoint);
    config.put("otel.exporter.otlp.certificate", CERTIFICATES.caCertificate.toString());
    config.put("otel.exporter.otlp.client.key", CERTIFICATES.clientKey.toString());
    config.put("otel.exporter.otlp.client.certificate", CERTIFICATES.clientCertificate.toString());
    config.put("otel.exporter.otlp.headers", "api-key=" + API_KEY + ",x-tenant=acme");
    config.put("otel.exporter.otlp.compression", "gzip");
    config.put("otel.exporter.otlp.timeout", "5000");
    config.put("otel.resource.attributes", "deployment.environment.name=mtls-test");
    return TestServer.war(
        name, config, TestApplication.class, EchoResource.class, CallResource.class);
  }

  @Test
  void httpProtobufExportUsesMutualTlsApiKeyAndGzip() {
    String traceId = sendTrace(httpApp.toString());
    assertTraceArrivedIntact(traceId, "mtls-http");
    Export export = lastExport("http/protobuf");
    assertEquals(API_KEY, export.headers().get("api-key"));
    assertEquals("acme", export.headers().get("x-tenant"));
    assertEquals("gzip", export.headers().get("Content-Encoding"));
    assertEquals("application/x-protobuf", export.headers().get("Content-Type"));
    assertEquals("CN=tracegate-exporter", export.clientCertificate());
  }

  @Test
  void grpcExportUsesMutualTlsApiKeyAndGzip() {
    String traceId = sendTrace(grpcApp.toString());
    assertTraceArrivedIntact(traceId, "mtls-grpc");
    Export export = lastExport("grpc");
    assertEquals(API_KEY, export.headers().get("api-key"));
    assertEquals("acme", export.headers().get("x-tenant"));
    assertEquals("gzip", export.headers().get("grpc-encoding"));
    assertEquals("CN=tracegate-exporter", export.clientCertificate());
  }

  /**
   * A POST /call that calls /echo: a SERVER span with a CLIENT child, and the echo's SERVER span
   * below that.
   */
  private static String sendTrace(String base) {
    String traceId = TracingIT.randomHex(32);
    HttpResponse<String> response =
        Http.post(
            base + "api/call",
            base + "api/echo",
            "traceparent",
            "00-" + traceId + "-" + TracingIT.randomHex(16) + "-01");
    assertEquals(200, response.statusCode(), response.body());
    return traceId;
  }

  private static void assertTraceArrivedIntact(String traceId, String app) {
    List<ReceivedSpan> trace = RECEIVER.awaitTrace(traceId, 3);
    assertEquals(3, trace.size(), trace.toString());
    ReceivedSpan call =
        TracingIT.single(trace, SpanKind.SPAN_KIND_SERVER, "POST /" + app + "/api/call");
    ReceivedSpan client = TracingIT.single(trace, SpanKind.SPAN_KIND_CLIENT, "GET");
    ReceivedSpan echo =
        TracingIT.single(trace, SpanKind.SPAN_KIND_SERVER, "GET /" + app + "/api/echo");
    // resource
    assertEquals(app, call.service());
    assertEquals("mtls-test", call.resourceAttribute("deployment.environment.name"));
    assertEquals("opentelemetry", call.resourceAttribute("telemetry.sdk.name"));
    // scope
    assertEquals("dev.tracegate", call.scope());
    // spans
    assertEquals(call.spanId(), client.parentSpanId());
    assertEquals(client.spanId(), echo.parentSpanId());
    assertEquals("POST", call.attribute("http.request.method"));
    assertEquals("200", call.attribute("http.response.status_code"));
    assertEquals("/" + app + "/api/call", call.attribute("http.route"));
    assertEquals(StatusCode.STATUS_CODE_UNSET, call.span().getStatus().getCode());
    assertTrue(call.span().getEndTimeUnixNano() > call.span().getStartTimeUnixNano());
    assertFalse(call.isError());
  }

  private static Export lastExport(String protocol) {
    List<Export> exports =
        RECEIVER.exports().stream().filter(export -> export.protocol().equals(protocol)).toList();
    assertFalse(exports.isEmpty(), "no " + protocol + " export recorded");
    return exports.get(exports.size() - 1);
  }
}
