package dev.tracegate.internal.sdk;

import dev.tracegate.internal.config.TraceIdFormat;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.config.TracingConfigException;
import dev.tracegate.internal.export.NothingExported;
import dev.tracegate.internal.propagation.W3CPropagation;
import dev.tracegate.internal.server.IncomingPolicy;
import io.opentelemetry.contrib.awsxray.AwsXrayIdGenerator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An application's OpenTelemetry SDK, assembled from its configuration: the one place where
 * Tracegate's defaults and overrides meet OpenTelemetry's autoconfigure, which reads every other
 * {@code otel.*} key itself.
 *
 * @param sdk the SDK, to be shut down when the application stops
 * @param ids the SDK's id generator, which the unsampled shortcut uses too
 */
public record ApplicationSdk(OpenTelemetrySdk sdk, IdGenerator ids) {
  private static final String OTEL_TRACES_EXPORTER = "otel.traces.exporter";
  static final String BSP_MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";
  private static final String BSP_MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";
  static final int DEFAULT_QUEUE_SIZE = 8192;
  private static final int DEFAULT_EXPORT_BATCH_SIZE = 2048;
  private static final Logger LOG = Logger.getLogger(ApplicationSdk.class.getName());
  // The batch processor warns of queue drops at every export; SpanLossReport reports them once per
  // interval instead.
  private static final Logger BATCH_PROCESSOR_LOG =
      Logger.getLogger("io.opentelemetry.sdk.trace.export.BatchSpanProcessor");

  static {
    BATCH_PROCESSOR_LOG.setLevel(Level.SEVERE);
  }

  /**
   * Builds the SDK of an application whose tracing is on.
   *
   * @throws TracingConfigException if the OpenTelemetry configuration is invalid
   */
  public static ApplicationSdk assemble(
      String applicationName, TracingConfig config, ClassLoader applicationLoader) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put(TracingConfig.OTEL_SERVICE_NAME, applicationName);
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.putAll(config.otelProperties());
    defaults.put(TracingConfig.OTEL_SDK_DISABLED, "false");

    IdGenerator ids =
        config.traceIdFormat() == TraceIdFormat.XRAY
            ? AwsXrayIdGenerator.getInstance()
            : IdGenerator.random();
    List<String> exporters = new ArrayList<>();
    SpanProcessor[] export = new SpanProcessor[1];
    try {
      OpenTelemetrySdk sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults)
              .addPropertiesCustomizer(
                  properties ->
                      samplerOverride(
                          config, properties.getString(TracingConfig.OTEL_TRACES_SAMPLER)))
              // Export is an ExportPipeline's, shared with the server's other applications: this
              // SDK builds no exporter.
              .addPropertiesCustomizer(
                  properties -> {
                    exporters.addAll(properties.getList(OTEL_TRACES_EXPORTER, List.of("otlp")));
                    return Map.of(OTEL_TRACES_EXPORTER, "none");
                  })
              .addSamplerCustomizer(
                  (sampler, properties) ->
                      IncomingPolicy.sampler(
                          config.incoming(), sampler, config.samplingPercentage()))
              // Our W3C rules replace OpenTelemetry's own tracecontext/baggage; otel.propagators
              // still chooses.
              .addPropagatorCustomizer(
                  (propagator, properties) -> W3CPropagation.conforming(propagator))
              .addTracerProviderCustomizer(
                  (tracerProvider, properties) -> {
                    // Without any span processor the SDK's tracers are no-ops: no span ids of this
                    // service at all.
                    export[0] =
                        exporters.contains("none")
                            ? NothingExported.INSTANCE
                            : ExportPipeline.join(
                                applicationName, config, exporters, applicationLoader);
                    return tracerProvider.addSpanProcessor(export[0]).setIdGenerator(ids);
                  })
              .setServiceClassLoader(applicationLoader)
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
      return new ApplicationSdk(sdk, ids);
    } catch (ConfigurationException e) {
      if (export[0] != null) {
        export[0].shutdown();
      }
      throw new TracingConfigException(
          "invalid OpenTelemetry configuration for application "
              + applicationName
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The configured span exporters, as the start-up log line names them. */
  public static String exporterNames(TracingConfig config) {
    return config.otelProperties().getOrDefault(OTEL_TRACES_EXPORTER, "otlp");
  }

  /**
   * {@value TracingConfig#RANDOM_SAMPLING} is the more specific key, so it replaces
   * otel.traces.sampler.
   */
  private static Map<String, String> samplerOverride(TracingConfig config, String otelSampler) {
    if (config.samplingPercentage().isEmpty()) {
      return Map.of();
    }
    int percentage = config.samplingPercentage().getAsInt();
    if (otelSampler != null
        && config.otelProperties().containsKey(TracingConfig.OTEL_TRACES_SAMPLER)) {
      LOG.warning(
          () ->
              "Tracegate: both "
                  + TracingConfig.RANDOM_SAMPLING
                  + "="
                  + percentage
                  + " and "
                  + TracingConfig.OTEL_TRACES_SAMPLER
                  + "="
                  + otelSampler
                  + " are set; using "
                  + TracingConfig.RANDOM_SAMPLING
                  + ".");
    }
    return Map.of(
        TracingConfig.OTEL_TRACES_SAMPLER,
        "parentbased_traceidratio",
        TracingConfig.OTEL_TRACES_SAMPLER_ARG,
        Double.toString(percentage / 100.0));
  }

  /**
   * Larger export batches than OpenTelemetry's 512 of 2048: at a few thousand requests a second the
   * batch processor, which sends one batch at a time, then keeps up where with 512 it dropped ~40 %
   * of the spans, and spends less CPU per span (docs/benchmarks.md). Only what the user left unset:
   * the queue becomes 8192, the batch 2048 or the user's queue size if that is smaller.
   */
  public static Map<String, String> exportBatchDefaults(ConfigProperties properties) {
    Map<String, String> defaults = new HashMap<>();
    int queue = properties.getInt(BSP_MAX_QUEUE_SIZE, DEFAULT_QUEUE_SIZE);
    if (properties.getString(BSP_MAX_QUEUE_SIZE) == null) {
      defaults.put(BSP_MAX_QUEUE_SIZE, Integer.toString(DEFAULT_QUEUE_SIZE));
    }
    if (properties.getString(BSP_MAX_EXPORT_BATCH_SIZE) == null && queue > 0) {
      defaults.put(
          BSP_MAX_EXPORT_BATCH_SIZE, Integer.toString(Math.min(DEFAULT_EXPORT_BATCH_SIZE, queue)));
    }
    return defaults;
  }
}
