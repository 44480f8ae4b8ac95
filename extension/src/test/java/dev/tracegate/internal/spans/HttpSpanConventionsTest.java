package dev.tracegate.internal.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSpanConventionsTest {
  private final InMemorySpanExporter ended = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(ended)).build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  private SpanData sentTo(String uri, int status) {
    SpanBuilder builder = tracer.spanBuilder("GET");
    HttpSpanConventions.setServer(builder, URI.create(uri));
    HttpSpanConventions.end(
        builder.startSpan(), HttpSpanConventions.Side.CLIENT, status, null, null);
    SpanData span = ended.getFinishedSpanItems().get(0);
    ended.reset();
    return span;
  }

  @Test
  void portsSharingAReusedBoxAreEachRecordedAsSent() {
    // 9081 and 9145 (9081 + 64) take turns in the same slot of the boxed ports.
    for (int port : new int[] {9081, 9145, 9081, 65535, 9145, 1}) {
      assertEquals(
          port,
          sentTo("http://127.0.0.1:" + port + "/x", 200)
              .getAttributes()
              .get(ServerAttributes.SERVER_PORT));
    }
  }

  @Test
  void defaultPortsAreRecordedAndAnUnknownOneIsNot() {
    assertEquals(
        443L,
        sentTo("https://api.example.com/x", 200).getAttributes().get(ServerAttributes.SERVER_PORT));
    assertEquals(
        80L,
        sentTo("http://api.example.com/x", 200).getAttributes().get(ServerAttributes.SERVER_PORT));
    assertNull(
        sentTo("ftp://api.example.com/x", 200).getAttributes().get(ServerAttributes.SERVER_PORT));
  }

  @Test
  void everyStatusIsRecordedAsReceivedWithinAndBeyondTheBoxedOnes() {
    for (int status : new int[] {1, 99, 100, 200, 404, 599, 600, 999, 1000, Integer.MAX_VALUE}) {
      assertEquals(
          status,
          sentTo("http://127.0.0.1:9081/x", status)
              .getAttributes()
              .get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE));
    }
  }
}
