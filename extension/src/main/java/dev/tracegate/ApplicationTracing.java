package dev.tracegate;

import dev.tracegate.client.ClientSpans;
import dev.tracegate.config.ExcludedPaths;
import dev.tracegate.config.TracingConfig;
import dev.tracegate.config.TraceIdFormat;
import dev.tracegate.config.TracingConfigException;
import dev.tracegate.export.NothingExported;
import dev.tracegate.export.QueueDrops;
import dev.tracegate.export.ReportingSpanExporter;
import dev.tracegate.export.SpanLossReport;
import dev.tracegate.propagation.W3CPropagation;
import dev.tracegate.server.CustomSpanAttributes;
import dev.tracegate.server.IncomingPolicy;
import dev.tracegate.server.ServerSpans;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.contrib.awsxray.AwsXrayIdGenerator;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import jakarta.enterprise.inject.spi.CDI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tracing of one application: its OpenTelemetry SDK, built once from its configuration, and the
 * SERVER and CLIENT spans the filters record with it. A dormant instance does nothing.
 */
public final class ApplicationTracing {
  static final String INSTRUMENTATION_NAME = "dev.tracegate";
  /** Tracegate's version, from the jar's manifest; null when run from classes (tests). */
  private static final String VERSION = ApplicationTracing.class.getPackage().getImplementationVersion();
  private static final Logger LOG = Logger.getLogger(ApplicationTracing.class.getName());
  private static final ContextKey<ApplicationTracing> CONTEXT_KEY = ContextKey.named("dev.tracegate.application");
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;
  private static final String OTEL_TRACES_EXPORTER = "otel.traces.exporter";
  private static final String BSP_MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";
  private static final String BSP_MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";
  private static final int DEFAULT_QUEUE_SIZE = 8192;
  private static final int DEFAULT_EXPORT_BATCH_SIZE = 2048;
  // The batch processor warns of queue drops at every export; SpanLossReport reports them once per interval instead.
  private static final Logger BATCH_PROCESSOR_LOG = Logger.getLogger("io.opentelemetry.sdk.trace.export.BatchSpanProcessor");

  static {
    BATCH_PROCESSOR_LOG.setLevel(Level.SEVERE);
  }

  /** Tracing switched off: the filters return at once. */
  public static final ApplicationTracing DORMANT = new ApplicationTracing(
      null, null, null, null, ExcludedPaths.parse(ExcludedPaths.NONE), null, UnsampledShortcut.OFF);

  private final String applicationName;
  private final OpenTelemetrySdk sdk;
  private final ServerSpans serverSpans;
  private final ClientSpans clientSpans;
  private final ExcludedPaths excludedPaths;
  private final IncomingPolicy incoming;
  private final UnsampledShortcut unsampled;

  private ApplicationTracing(
      String applicationName,
      OpenTelemetrySdk sdk,
      ServerSpans serverSpans,
      ClientSpans clientSpans,
      ExcludedPaths excludedPaths,
      IncomingPolicy incoming,
      UnsampledShortcut unsampled) {
    this.applicationName = applicationName;
    this.sdk = sdk;
    this.serverSpans = serverSpans;
    this.clientSpans = clientSpans;
    this.excludedPaths = excludedPaths;
    this.incoming = incoming;
    this.unsampled = unsampled;
  }

  /**
   * Builds the SDK for an application from its configuration.
   *
   * @throws TracingConfigException if the OpenTelemetry configuration is invalid
   */
  static ApplicationTracing start(String applicationName, TracingConfig config, ClassLoader applicationLoader) {
    if (!config.enabled()) {
      LOG.info(() -> "Tracegate: tracing is off for application " + applicationName + ". To enable it, set "
          + TracingConfig.RANDOM_SAMPLING + " (0-100, the percentage of new traces to record) in "
          + "META-INF/microprofile-config.properties, an environment variable or a system property.");
      return DORMANT;
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put(TracingConfig.OTEL_SERVICE_NAME, applicationName);
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.putAll(config.otelProperties());
    defaults.put(TracingConfig.OTEL_SDK_DISABLED, "false");

    // The SDK's ids, and those of the unsampled spans the shortcut makes without it.
    IdGenerator ids = config.traceIdFormat() == TraceIdFormat.XRAY ? AwsXrayIdGenerator.getInstance() : IdGenerator.random();
    QueueDrops queueDrops = new QueueDrops();
    SpanLossReport lossReport = new SpanLossReport(applicationName, config.lostSpansLogInterval(), queueDrops::total);
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> defaults)
          .addPropertiesCustomizer(properties -> samplerOverride(config, properties.getString(TracingConfig.OTEL_TRACES_SAMPLER)))
          .addPropertiesCustomizer(ApplicationTracing::exportBatchDefaults)
          .addSamplerCustomizer((sampler, properties) -> IncomingPolicy.sampler(config.incoming(), sampler, config.samplingPercentage()))
          // Our W3C rules replace OpenTelemetry's own tracecontext/baggage; otel.propagators still chooses.
          .addPropagatorCustomizer((propagator, properties) -> W3CPropagation.conforming(propagator))
          // The batch processor counts its queue drops on the meter provider; this reader lets the report see them.
          .addMeterProviderCustomizer((meters, properties) -> meters.registerMetricReader(queueDrops))
          .addSpanExporterCustomizer((exporter, properties) -> new ReportingSpanExporter(exporter, lossReport))
          .addTracerProviderCustomizer((tracerProvider, properties) -> {
            if (properties.getList(OTEL_TRACES_EXPORTER).contains("none")) {
              // Without any span processor the SDK's tracers are no-ops: no span ids of this service at all.
              tracerProvider.addSpanProcessor(NothingExported.INSTANCE);
            }
            return tracerProvider.setIdGenerator(ids);
          })
          .setServiceClassLoader(applicationLoader)
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      throw new TracingConfigException("Tracegate: invalid OpenTelemetry configuration for application "
          + applicationName + ": " + e.getMessage(), e);
    }
    LOG.info(() -> "Tracegate: tracing application " + applicationName + " ("
        + config.samplingPercentage().stream().mapToObj(p -> p + "% of new traces sampled").findFirst()
            .orElse("sampler from " + TracingConfig.OTEL_TRACES_SAMPLER)
        + ", spans exported with " + config.otelProperties().getOrDefault(OTEL_TRACES_EXPORTER, "otlp") + ")");
    return new ApplicationTracing(applicationName, sdk, serverSpans(sdk, config),
        new ClientSpans(tracer(sdk, INSTRUMENTATION_NAME)),
        config.excludedPaths(), new IncomingPolicy(config.incoming(), sdk.getPropagators().getTextMapPropagator()),
        UnsampledShortcut.of(config, ids));
  }

  /** {@value TracingConfig#RANDOM_SAMPLING} is the more specific key, so it replaces otel.traces.sampler. */
  private static Map<String, String> samplerOverride(TracingConfig config, String otelSampler) {
    if (config.samplingPercentage().isEmpty()) {
      return Map.of();
    }
    int percentage = config.samplingPercentage().getAsInt();
    if (otelSampler != null && config.otelProperties().containsKey(TracingConfig.OTEL_TRACES_SAMPLER)) {
      LOG.warning(() -> "Tracegate: both " + TracingConfig.RANDOM_SAMPLING + "=" + percentage + " and "
          + TracingConfig.OTEL_TRACES_SAMPLER + "=" + otelSampler + " are set; using "
          + TracingConfig.RANDOM_SAMPLING + ".");
    }
    return Map.of(
        TracingConfig.OTEL_TRACES_SAMPLER, "parentbased_traceidratio",
        TracingConfig.OTEL_TRACES_SAMPLER_ARG, Double.toString(percentage / 100.0));
  }

  /**
   * Larger export batches than OpenTelemetry's 512 of 2048: at a few thousand requests a second the
   * batch processor, which sends one batch at a time, then keeps up where with 512 it dropped ~40 %
   * of the spans, and spends less CPU per span (docs/benchmarks.md). Only what the user left unset:
   * the queue becomes 8192, the batch 2048 or the user's queue size if that is smaller.
   */
  static Map<String, String> exportBatchDefaults(ConfigProperties properties) {
    Map<String, String> defaults = new HashMap<>();
    int queue = properties.getInt(BSP_MAX_QUEUE_SIZE, DEFAULT_QUEUE_SIZE);
    if (properties.getString(BSP_MAX_QUEUE_SIZE) == null) {
      defaults.put(BSP_MAX_QUEUE_SIZE, Integer.toString(DEFAULT_QUEUE_SIZE));
    }
    if (properties.getString(BSP_MAX_EXPORT_BATCH_SIZE) == null && queue > 0) {
      defaults.put(BSP_MAX_EXPORT_BATCH_SIZE, Integer.toString(Math.min(DEFAULT_EXPORT_BATCH_SIZE, queue)));
    }
    return defaults;
  }

  private static ServerSpans serverSpans(OpenTelemetrySdk sdk, TracingConfig config) {
    CustomSpanAttributes custom = config.headerPrefixes().isEmpty() && config.staticAttributes().isEmpty() ? null
        : new CustomSpanAttributes(config.headerPrefixes(), config.staticAttributes());
    return new ServerSpans(tracer(sdk, INSTRUMENTATION_NAME), custom);
  }

  /**
   * The tracing of the application a call belongs to: the one recorded in the context by the server
   * filter, else the one of the application whose CDI container is current, else {@link #DORMANT}.
   */
  public static ApplicationTracing of(Context context) {
    ApplicationTracing inContext = context.get(CONTEXT_KEY);
    return inContext != null ? inContext : ofCurrentApplication();
  }

  /** The tracing of the application whose CDI container is current on this thread. */
  public static ApplicationTracing ofCurrentApplication() {
    try {
      return CDI.current().getBeanManager().getExtension(TracingExtension.class).tracing();
    } catch (RuntimeException | LinkageError e) {
      // No CDI here (an unmanaged thread, or an application without CDI): nothing to trace with.
      return DORMANT;
    }
  }

  /** The context with this application's tracing recorded, so client calls made in it find it fast. */
  public Context storeIn(Context context) {
    return context.with(CONTEXT_KEY, this);
  }

  public boolean enabled() {
    return sdk != null;
  }

  /** The paths whose requests get no SERVER span. */
  public ExcludedPaths excludedPaths() {
    return excludedPaths;
  }

  /** Writes the context's {@code traceparent} (and the rest) onto an outbound request. */
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    sdk.getPropagators().getTextMapPropagator().inject(context, carrier, setter);
  }

  /** The tracer of one of Tracegate's instrumentation scopes, with Tracegate's version. */
  public Tracer tracer(String scopeName) {
    return tracer(sdk, scopeName);
  }

  private static Tracer tracer(OpenTelemetrySdk sdk, String scopeName) {
    TracerBuilder tracer = sdk.tracerBuilder(scopeName);
    return VERSION == null ? tracer.build() : tracer.setInstrumentationVersion(VERSION).build();
  }

  /** What this application takes from a caller's trace context. */
  public IncomingPolicy incomingPolicy() {
    return incoming;
  }

  /** The sampler's "not sampled" decisions that are known before a span is built. */
  public UnsampledShortcut unsampled() {
    return unsampled;
  }

  public ServerSpans serverSpans() {
    return serverSpans;
  }

  public ClientSpans clientSpans() {
    return clientSpans;
  }

  /** The application's SDK; null when dormant. */
  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** Flushes the spans still queued and stops the exporter, waiting a bounded time. */
  void shutdown() {
    if (sdk == null) {
      return;
    }
    CompletableResultCode result = sdk.shutdown().join(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!result.isSuccess()) {
      LOG.log(Level.WARNING, "Tracegate: spans of application {0} may be lost: the exporter did not finish "
          + "within {1} s of shutdown", new Object[] {applicationName, SHUTDOWN_TIMEOUT_SECONDS});
    }
  }
}
