package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.StartedTracing;
import dev.tracegate.internal.ApplicationTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service that exports no spans is still a participant in every trace, whatever its sampler
 * decides.
 */
class NothingExportedTest {
  private static final SpanContext CALLER =
      SpanContext.createFromRemoteParent(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  @Test
  void startsATraceAndGivesEachSpanItsOwnIdForEverySamplerDecision() {
    List<Map<String, String>> configurations =
        List.of(
            Map.of("tracing.random_sampling", "100", "otel.traces.exporter", "none"),
            Map.of("tracing.random_sampling", "0", "otel.traces.exporter", "none"),
            Map.of(
                "tracing.random_sampling",
                "100",
                "tracing.incoming",
                "ignore-sampled",
                "otel.traces.exporter",
                "none"),
            Map.of(
                "otel.sdk.disabled",
                "false",
                "otel.traces.sampler",
                "always_off",
                "otel.traces.exporter",
                "none"),
            Map.of(
                "otel.sdk.disabled",
                "false",
                "otel.traces.sampler",
                "always_on",
                "otel.traces.exporter",
                "none"));
    for (Map<String, String> configuration : configurations) {
      ApplicationTracing tracing = StartedTracing.start("exports-nothing", configuration);
      try {
        Tracer tracer = tracing.sdk().getTracer("test");
        SpanContext newTrace =
            tracer.spanBuilder("GET").setParent(Context.root()).startSpan().getSpanContext();
        assertTrue(newTrace.isValid(), "a trace is started: " + configuration);

        SpanContext child =
            tracer
                .spanBuilder("GET")
                .setParent(Context.root().with(Span.wrap(CALLER)))
                .startSpan()
                .getSpanContext();
        assertEquals(CALLER.getTraceId(), child.getTraceId(), configuration.toString());
        assertNotEquals(
            CALLER.getSpanId(), child.getSpanId(), "a span id of its own: " + configuration);
      } finally {
        tracing.sdk().shutdown();
      }
    }
  }
}
