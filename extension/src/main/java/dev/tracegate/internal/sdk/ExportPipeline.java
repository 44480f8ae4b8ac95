package dev.tracegate.internal.sdk;

import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.export.DeferredSenders;
import dev.tracegate.internal.export.OkHttpExporters;
import dev.tracegate.internal.export.QueueDrops;
import dev.tracegate.internal.export.ReportingSpanExporter;
import dev.tracegate.internal.export.SpanLossReport;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A batch queue, its export thread and its exporter (with the exporter's connection pool), shared
 * by every application of the server whose export settings are the same. With the jar in a
 * server-wide library, twenty applications then cost one export thread and one connection pool
 * rather than twenty. Each application keeps its own SDK (resource with its {@code service.name},
 * sampler, id generator, propagators): a span carries its application's resource, and an OTLP
 * request carries one resource per application in it.
 *
 * <p>Applications join with {@link #join}; the pipeline is built by the first and shut down with
 * the last. An application that stops flushes the pipeline first, so none of its spans is left
 * queued. Applications whose exporters are not the jar's own (an exporter in the application, found
 * through its class loader) get a pipeline of their own.
 */
final class ExportPipeline {
  /**
   * The exporters this jar carries; any other name may be the application's own class, so it is
   * never shared.
   */
  private static final Set<String> JAR_EXPORTERS =
      Set.of("otlp", "zipkin", "console", "logging", "logging-otlp");

  /**
   * Keys that shape an application's spans, not their export: they never separate two pipelines.
   */
  private static final List<String> APPLICATION_KEYS =
      List.of(
          "otel.service.name",
          "otel.resource.",
          "otel.experimental.resource.",
          "otel.java.enabled.resource.providers",
          "otel.java.disabled.resource.providers",
          "otel.traces.sampler",
          "otel.propagators",
          "otel.sdk.disabled",
          "otel.span.",
          "otel.attribute.",
          "otel.logs.",
          "otel.blrp.");

  private static final String LOST_SPANS_INTERVAL_KEY = "tracegate.lost_spans.log_interval";
  private static final String EXPORTERS_KEY = "otel.traces.exporter";

  /** The shared pipelines by their settings; guarded by itself. */
  private static final Map<Map<String, String>, ExportPipeline> SHARED = new HashMap<>();

  private final Map<String, String> settings;
  private final boolean shared;
  private final OkHttpExporters okHttpExporters;
  private final OpenTelemetrySdk exportSdk;
  private final SpanProcessor processor;
  private final List<String> applications = new CopyOnWriteArrayList<>();
  private int members; // guarded by SHARED

  private ExportPipeline(Map<String, String> settings, boolean shared, ClassLoader loader) {
    this.settings = settings;
    this.shared = shared;
    List<SpanProcessor> processors = new ArrayList<>();
    this.okHttpExporters = new OkHttpExporters(ComponentLoader.forClassLoader(loader));
    try {
      this.exportSdk = build(settings, loader, processors);
    } catch (RuntimeException e) {
      okHttpExporters.release();
      throw e;
    }
    this.processor = SpanProcessor.composite(processors);
  }

  /**
   * The span processor through which an application's spans are exported: a share of the pipeline
   * for its export settings, built now if no running application has the same. Shutting the
   * returned processor down (the application's SDK does when it stops) flushes the pipeline, and
   * shuts it down when no other application uses it.
   *
   * @param exporters the effective {@code otel.traces.exporter} names, none of them {@code none}
   * @param applicationLoader finds exporters that are not the jar's own
   */
  static SpanProcessor join(
      String applicationName,
      TracingConfig config,
      List<String> exporters,
      ClassLoader applicationLoader) {
    Map<String, String> settings = settingsOf(config, exporters);
    boolean shareable = JAR_EXPORTERS.containsAll(exporters);
    ExportPipeline pipeline;
    if (shareable) {
      synchronized (SHARED) {
        pipeline = SHARED.get(settings);
        if (pipeline == null) {
          pipeline = new ExportPipeline(settings, true, ExportPipeline.class.getClassLoader());
          SHARED.put(settings, pipeline);
        }
        pipeline.members++;
      }
    } else {
      pipeline = new ExportPipeline(settings, false, applicationLoader);
      pipeline.members = 1;
    }
    pipeline.applications.add(applicationName);
    return pipeline.new Member(applicationName);
  }

  /** The pipelines applications share right now; for tests. */
  static int sharedCount() {
    synchronized (SHARED) {
      return SHARED.size();
    }
  }

  /** What decides an application's export: its configuration minus the keys about its own spans. */
  static Map<String, String> settingsOf(TracingConfig config, List<String> exporters) {
    Map<String, String> settings = new TreeMap<>();
    config
        .otelProperties()
        .forEach(
            (key, value) -> {
              if (APPLICATION_KEYS.stream().noneMatch(key::startsWith)) {
                settings.put(key, value);
              }
            });
    settings.put(EXPORTERS_KEY, String.join(",", exporters));
    settings.put(LOST_SPANS_INTERVAL_KEY, Long.toString(config.lostSpansLogInterval().toSeconds()));
    return settings;
  }

  private OpenTelemetrySdk build(
      Map<String, String> settings, ClassLoader loader, List<SpanProcessor> processors) {
    Map<String, String> properties = new HashMap<>(settings);
    properties.remove(LOST_SPANS_INTERVAL_KEY);
    properties.putIfAbsent("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    QueueDrops queueDrops = new QueueDrops();
    SpanLossReport lossReport =
        new SpanLossReport(
            () -> String.join(", ", applications),
            Duration.ofSeconds(Long.parseLong(settings.get(LOST_SPANS_INTERVAL_KEY))),
            queueDrops::total);
    // Threads started now inherit the context class loader: never an application's, which would
    // then outlive it.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> properties)
          .addPropertiesCustomizer(ApplicationSdk::exportBatchDefaults)
          .addPropertiesCustomizer(resolved -> Map.of("otel.sdk.disabled", "false"))
          .addSpanExporterCustomizer(
              (exporter, resolved) ->
                  new ReportingSpanExporter(exporter, lossReport, queueDrops.exportListener()))
          .addSpanProcessorCustomizer(
              (spanProcessor, resolved) -> {
                SpanProcessor counted =
                    spanProcessor instanceof BatchSpanProcessor
                        ? queueDrops.guard(
                            spanProcessor,
                            resolved.getInt(
                                ApplicationSdk.BSP_MAX_QUEUE_SIZE,
                                ApplicationSdk.DEFAULT_QUEUE_SIZE))
                        : spanProcessor;
                processors.add(counted);
                return counted;
              })
          .setComponentLoader(new DeferredSenders(okHttpExporters))
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private CompletableResultCode leave(String applicationName) {
    boolean last;
    synchronized (SHARED) {
      last = --members == 0;
      if (last && shared) {
        SHARED.remove(settings, this);
      }
    }
    // Either way the application's spans still queued are exported before it is gone. Not a flush
    // before the shutdown: the batch processor's shutdown could then take that flush's result for
    // its own and leave its thread waiting out the schedule delay.
    CompletableResultCode done = last ? exportSdk.shutdown() : processor.forceFlush();
    if (last) {
      done.whenComplete(okHttpExporters::release);
    }
    // Only now, so that a report of spans lost in that last export still names the application.
    done.whenComplete(() -> applications.remove(applicationName));
    return done;
  }

  /** One application's share of the pipeline: its span processor. */
  private final class Member implements SpanProcessor {
    private final String applicationName;
    private final AtomicBoolean left = new AtomicBoolean();

    Member(String applicationName) {
      this.applicationName = applicationName;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      processor.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
      return processor.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
      processor.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
      return processor.isEndRequired();
    }

    @Override
    public CompletableResultCode forceFlush() {
      return processor.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return left.compareAndSet(false, true)
          ? leave(applicationName)
          : CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "ExportPipeline.Member{" + applicationName + ", " + processor + "}";
    }
  }
}
