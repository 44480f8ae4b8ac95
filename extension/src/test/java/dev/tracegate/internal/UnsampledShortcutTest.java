package dev.tracegate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.StartedTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The shortcut may only say "not sampled" where the SDK's own sampler says so, and the context it
 * then gives must be the one the SDK would have given.
 */
class UnsampledShortcutTest {
  private static final TraceState STATE = TraceState.builder().put("vendor", "value").build();

  @Test
  void dropsOnlyWhatTheSdkSamplerDropsForEveryPercentageAndIncomingMode() {
    for (String percentage : List.of("0", "1", "50", "100")) {
      for (String incoming : List.of("trust", "ignore-sampled", "restart")) {
        withTracing(
            "shortcut",
            Map.of(
                "tracing.random_sampling",
                percentage,
                "tracing.incoming",
                incoming,
                "otel.traces.exporter",
                "discard"),
            tracing -> {
              for (SpanContext parent : parents()) {
                if (tracing.unsampled().dropsChildOf(parent)) {
                  Span sdkSpan = sdkChild(tracing, parent);
                  assertFalse(
                      sdkSpan.getSpanContext().isSampled(),
                      "the shortcut dropped what the SDK sampled: "
                          + percentage
                          + "% "
                          + incoming
                          + " "
                          + parent);
                }
              }
            });
      }
    }
  }

  @Test
  void dropsEveryNewTraceAndEveryUnsampledParentAtZeroPercent() {
    withTracing(
        "zero",
        Map.of("tracing.random_sampling", "0", "otel.traces.exporter", "discard"),
        tracing -> {
          assertTrue(tracing.unsampled().dropsChildOf(SpanContext.getInvalid()));
          assertTrue(tracing.unsampled().dropsChildOf(remote(TraceFlags.getDefault())));
          assertFalse(
              tracing.unsampled().dropsChildOf(remote(TraceFlags.getSampled())),
              "a sampled caller is obeyed");
        });
  }

  @Test
  void ignoreSampledDropsASampledCallerAtZeroPercent() {
    withTracing(
        "ignore",
        Map.of(
            "tracing.random_sampling",
            "0",
            "tracing.incoming",
            "ignore-sampled",
            "otel.traces.exporter",
            "discard"),
        tracing -> {
          assertTrue(tracing.unsampled().dropsChildOf(remote(TraceFlags.getSampled())));
          assertFalse(
              tracing.unsampled().dropsChildOf(local(TraceFlags.getSampled())),
              "this service's own spans keep their parent's decision");
        });
  }

  @Test
  void neverDropsWhenTheSamplerComesFromOtelTracesSampler() {
    withTracing(
        "custom",
        Map.of(
            "otel.sdk.disabled",
            "false",
            "otel.traces.sampler",
            "always_on",
            "otel.traces.exporter",
            "discard"),
        tracing -> {
          assertTrue(tracing.enabled(), "tracing is on with otel.sdk.disabled=false");
          for (SpanContext parent : parents()) {
            assertFalse(tracing.unsampled().dropsChildOf(parent), parent.toString());
          }
        });
  }

  @Test
  void unsampledChildIsWhatTheSdkGivesAnUnsampledChild() {
    withTracing(
        "child",
        Map.of("tracing.random_sampling", "0", "otel.traces.exporter", "discard"),
        tracing -> {
          for (SpanContext parent :
              List.of(
                  remote(TraceFlags.getDefault()),
                  local(TraceFlags.getDefault()),
                  SpanContext.getInvalid())) {
            SpanContext ours =
                Span.fromContext(
                        tracing.unsampled().unsampledChild(Context.root().with(Span.wrap(parent))))
                    .getSpanContext();
            SpanContext sdks = sdkChild(tracing, parent).getSpanContext();
            assertTrue(ours.isValid());
            assertEquals(sdks.getTraceFlags(), ours.getTraceFlags());
            assertEquals(sdks.getTraceState(), ours.getTraceState());
            assertEquals(sdks.isRemote(), ours.isRemote());
            if (parent.isValid()) {
              assertEquals(parent.getTraceId(), ours.getTraceId());
              assertNotEquals(
                  parent.getSpanId(), ours.getSpanId(), "a child has a span id of its own");
            } else {
              assertNotEquals(
                  sdks.getTraceId(), ours.getTraceId(), "each new trace has a new trace id");
            }
          }
        });
  }

  @Test
  void xrayTraceIdsOfUnsampledTracesAreXrayIdsToo() {
    withTracing(
        "xray",
        Map.of(
            "tracing.random_sampling",
            "0",
            "tracing.id_generator",
            "xray",
            "otel.traces.exporter",
            "discard"),
        tracing -> {
          long before = System.currentTimeMillis() / 1000;
          SpanContext ours =
              Span.fromContext(tracing.unsampled().unsampledChild(Context.root())).getSpanContext();
          long seconds = Long.parseLong(ours.getTraceId().substring(0, 8), 16);
          assertTrue(
              seconds >= before && seconds <= System.currentTimeMillis() / 1000, ours.getTraceId());
          assertEquals(
              sdkChild(tracing, SpanContext.getInvalid()).getSpanContext().getTraceFlags(),
              ours.getTraceFlags());
        });
  }

  @Test
  void unsampledChildKeepsWhatElseTheParentContextHolds() {
    withTracing(
        "baggage",
        Map.of("tracing.random_sampling", "0", "otel.traces.exporter", "discard"),
        tracing -> {
          Context parent =
              io.opentelemetry.api.baggage.Baggage.builder()
                  .put("tenant", "acme")
                  .build()
                  .storeInContext(Context.root().with(Span.wrap(remote(TraceFlags.getDefault()))));
          Context child = tracing.unsampled().unsampledChild(parent);
          assertEquals(
              "acme",
              io.opentelemetry.api.baggage.Baggage.fromContext(child).getEntryValue("tenant"));
        });
  }

  /** Runs the checks against an application's tracing, then shuts its SDK down. */
  private static void withTracing(
      String name, Map<String, String> configuration, Consumer<ApplicationTracing> checks) {
    ApplicationTracing tracing = StartedTracing.start(name, configuration);
    try {
      checks.accept(tracing);
    } finally {
      if (tracing.sdk() != null) {
        tracing.sdk().shutdown().join(5, TimeUnit.SECONDS);
      }
    }
  }

  private static Span sdkChild(ApplicationTracing tracing, SpanContext parent) {
    Span span =
        tracing
            .sdk()
            .getTracer("test")
            .spanBuilder("child")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(Span.wrap(parent)))
            .startSpan();
    span.end();
    return span;
  }

  /**
   * Remote and local parents, sampled and not, with many trace ids so that the ratio sampler says
   * both.
   */
  private static List<SpanContext> parents() {
    List<SpanContext> parents = new ArrayList<>();
    parents.add(SpanContext.getInvalid());
    for (int i = 0; i < 200; i++) {
      parents.add(remote(i % 2 == 0 ? TraceFlags.getSampled() : TraceFlags.getDefault()));
      parents.add(local(i % 2 == 0 ? TraceFlags.getSampled() : TraceFlags.getDefault()));
    }
    return parents;
  }

  private static SpanContext remote(TraceFlags flags) {
    IdGenerator ids = IdGenerator.random();
    return SpanContext.createFromRemoteParent(
        ids.generateTraceId(), ids.generateSpanId(), flags, STATE);
  }

  private static SpanContext local(TraceFlags flags) {
    IdGenerator ids = IdGenerator.random();
    return SpanContext.create(ids.generateTraceId(), ids.generateSpanId(), flags, STATE);
  }
}
