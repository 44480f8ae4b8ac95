package dev.tracegate.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegate.JaxRsContexts;
import dev.tracegate.RecordingSdk;
import dev.tracegate.internal.spans.HttpSpanConventions;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.ws.rs.client.ClientRequestContext;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Our CLIENT spans against the reference: the same call and response through OpenTelemetry's
 * instrumentation API (the HTTP client conventions' own extractors, as Tracegate used them before
 * it built spans directly) must give the same name, attributes, status and exception events.
 */
class ClientSpansTest {
  private static final RecordingSdk RECORDING = new RecordingSdk();
  private static final OpenTelemetrySdk SDK = RECORDING.sdk();
  private static final ClientSpans SPANS = new ClientSpans(SDK.getTracer("ours"));
  private static final Instrumenter<ClientRequestContext, Integer> REFERENCE = reference();

  @AfterAll
  static void shutdown() {
    RECORDING.close();
  }

  @Test
  void successfulCall() {
    assertSameAsReference("POST", "http://127.0.0.1:9081/payments/verify", 200);
  }

  @Test
  void clientErrorMakesTheCallAnError() {
    assertSameAsReference("GET", "https://user:secret@api.example.com/v1/pay?id=7&sig=abc", 404);
  }

  @Test
  void unknownMethodAndServerError() {
    assertSameAsReference("PURGE", "http://cache.internal:8080/items/9", 503);
  }

  @Test
  void informationalStatusBelow100IsNoHttpStatus() {
    assertSameAsReference("GET", "http://127.0.0.1:9081/odd", 0);
  }

  @Test
  void callWithoutResponse() {
    assertSameAsReference("GET", "http://127.0.0.1:1/refused", null);
  }

  private static void assertSameAsReference(String method, String uri, Integer status) {
    ClientRequestContext request = JaxRsContexts.outgoing(method, uri);

    Context reference = REFERENCE.start(Context.root(), request);
    REFERENCE.end(
        reference, request, status, status == null ? ClientCall.NoResponse.INSTANCE : null);
    io.opentelemetry.api.trace.Span ours = SPANS.start(Context.root(), request);
    if (status == null) {
      ClientSpans.endWithoutResponse(ours);
    } else {
      ClientSpans.end(ours, status);
    }

    List<SpanData> spans = RECORDING.takeEnded();
    assertEquals(2, spans.size());
    assertEquals(RecordingSdk.described(spans.get(0)), RecordingSdk.described(spans.get(1)));
  }

  /**
   * The instrumentation API's HTTP client conventions, read from the call as Tracegate did through
   * it.
   */
  private static Instrumenter<ClientRequestContext, Integer> reference() {
    HttpClientAttributesGetter<ClientRequestContext, Integer> getter =
        new HttpClientAttributesGetter<>() {
          @Override
          public String getHttpRequestMethod(ClientRequestContext request) {
            return request.getMethod();
          }

          @Override
          public String getUrlFull(ClientRequestContext request) {
            return ClientRequestAttributes.urlFull(request.getUri());
          }

          @Override
          public String getServerAddress(ClientRequestContext request) {
            return request.getUri().getHost();
          }

          @Override
          public Integer getServerPort(ClientRequestContext request) {
            return HttpSpanConventions.serverPort(request.getUri());
          }

          @Override
          public List<String> getHttpRequestHeader(ClientRequestContext request, String name) {
            return List.of();
          }

          @Override
          public Integer getHttpResponseStatusCode(
              ClientRequestContext request, Integer status, Throwable error) {
            return status;
          }

          @Override
          public List<String> getHttpResponseHeader(
              ClientRequestContext request, Integer status, String name) {
            return List.of();
          }

          @Override
          public String getErrorType(
              ClientRequestContext request, Integer status, Throwable error) {
            return error instanceof ClientCall.NoResponse ? "_OTHER" : null;
          }
        };
    return Instrumenter.<ClientRequestContext, Integer>builder(
            SDK, "reference", HttpSpanNameExtractor.create(getter))
        .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
        .addAttributesExtractor(HttpClientAttributesExtractor.create(getter))
        .buildClientInstrumenter(ClientRequestAttributes.HEADERS);
  }
}
