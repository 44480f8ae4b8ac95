package dev.tracegate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An SDK that keeps every span it ends, for comparing our spans with a reference's. */
public final class RecordingSdk implements AutoCloseable {
  private final InMemorySpanExporter ended = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(ended))
                  .build())
          .build();

  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** The spans ended since the last call, in the order they ended. */
  public List<SpanData> takeEnded() {
    List<SpanData> spans = ended.getFinishedSpanItems();
    ended.reset();
    return spans;
  }

  /** All a backend sees of a span but its ids, times and stack traces. */
  public static String described(SpanData span) {
    Map<String, Object> attributes = new TreeMap<>();
    span.getAttributes()
        .forEach((AttributeKey<?> key, Object value) -> attributes.put(key.getKey(), value));
    return span.getKind()
        + " "
        + span.getName()
        + " "
        + attributes
        + " "
        + span.getStatus().getStatusCode()
        + " events "
        + span.getEvents().stream()
            .map(
                event ->
                    event.getName()
                        + event.getAttributes().asMap().entrySet().stream()
                            .filter(
                                entry -> !entry.getKey().getKey().equals("exception.stacktrace"))
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.toList()))
            .collect(Collectors.toList())
        + " links "
        + span.getLinks().size()
        + " parent valid "
        + span.getParentSpanContext().isValid()
        + " ended "
        + span.hasEnded();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
