package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.Later;
import dev.tracegate.it.app.TestApplication;
import dev.tracegate.it.app.WithSpanBean;
import dev.tracegate.it.app.WithSpanResource;
import io.opentelemetry.proto.trace.v1.Span.Event;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Telemetry's {@code @WithSpan} and {@code @SpanAttribute} on an application's CDI
 * bean: each call is a span, child of the request's SERVER span, named and shaped as the annotation
 * asks.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WithSpanIT {
  private static final String APP = "with-span";

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        APP,
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        WithSpanResource.class,
        WithSpanBean.class,
        Later.class);
  }

  /**
   * The SERVER span of a call to {@code path} (with {@code query}) and the one other span of its
   * trace.
   */
  private ReceivedSpan[] call(String path, String query, String expectedBody) {
    String traceId = TracingIT.randomHex(32);
    HttpResponse<String> response =
        Http.get(
            base + "api/with-span/" + path + query,
            "traceparent",
            ExcludedPathsIT.traceparent(traceId, TracingIT.randomHex(16)));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(expectedBody, response.body());
    List<ReceivedSpan> spans = OtlpReceiver.shared().awaitTrace(traceId, 2);
    assertEquals(2, spans.size(), spans.toString());
    ReceivedSpan server =
        TracingIT.single(
            spans, SpanKind.SPAN_KIND_SERVER, "GET /" + APP + "/api/with-span/" + path);
    ReceivedSpan annotated =
        spans.stream().filter(span -> span != server).findFirst().orElseThrow();
    assertEquals(server.spanId(), annotated.parentSpanId(), spans.toString());
    assertEquals("dev.tracegate.mptelemetry", annotated.scope());
    return new ReceivedSpan[] {server, annotated};
  }

  @Test
  void annotatedMethodIsAnInternalChildSpanWithItsSpanAttributes() {
    ReceivedSpan span = call("lookup", "?item=A-1001", "found A-1001")[1];
    assertEquals("WithSpanBean.lookup", span.name());
    assertEquals(SpanKind.SPAN_KIND_INTERNAL, span.kind());
    assertEquals("A-1001", span.attribute("item.id"));
    assertEquals(1, span.span().getAttributesCount(), "only @SpanAttribute parameters");
    assertFalse(span.isError());
  }

  @Test
  void annotationNamesTheSpanAndItsKind() {
    ReceivedSpan span = call("quote", "", "42.00")[1];
    assertEquals("price quote", span.name());
    assertEquals(SpanKind.SPAN_KIND_PRODUCER, span.kind());
  }

  @Test
  void returnedCompletionStageEndsTheSpanWhenItCompletes() {
    ReceivedSpan span = call("later", "", "done")[1];
    long nanos = span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano();
    assertTrue(
        nanos >= TimeUnit.MILLISECONDS.toNanos(WithSpanBean.LATER_MILLIS),
        "the span lasts until the stage completes, not until the method returns: " + nanos + " ns");
  }

  @Test
  void spanThatDoesNotInheritTheContextStartsItsOwnTrace() {
    String traceId = TracingIT.randomHex(32);
    String requestId = TracingIT.randomHex(8);
    assertEquals(
        "detached " + requestId,
        Http.get(
                base + "api/with-span/detached?id=" + requestId,
                "traceparent",
                ExcludedPathsIT.traceparent(traceId, TracingIT.randomHex(16)))
            .body());
    ReceivedSpan server =
        TracingIT.single(
            OtlpReceiver.shared().awaitTrace(traceId, 1),
            SpanKind.SPAN_KIND_SERVER,
            "GET /" + APP + "/api/with-span/detached");
    ReceivedSpan detached =
        OtlpReceiver.shared()
            .await(
                span ->
                    span.name().equals("detached")
                        && requestId.equals(span.attribute("request.id")),
                1,
                java.time.Duration.ofSeconds(10))
            .get(0);
    assertFalse(detached.traceId().equals(traceId), detached.toString());
    assertEquals("", detached.parentSpanId());
  }

  @Test
  void thrownExceptionIsRecordedAndMarksTheSpanError() {
    ReceivedSpan[] spans = call("fail", "", "caught out of stock");
    ReceivedSpan span = spans[1];
    assertTrue(span.isError(), span.toString());
    assertEquals("java.lang.IllegalStateException", span.attribute("error.type"));
    Event exception =
        span.span().getEventsList().stream()
            .filter(event -> event.getName().equals("exception"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "out of stock", OtlpReceiver.attribute(exception.getAttributesList(), "exception.message"));
    assertFalse(spans[0].isError(), "the request itself succeeded");
    assertNull(spans[0].attribute("error.type"));
  }
}
