package dev.tracegate.internal;

import dev.tracegate.internal.client.ClientSpans;
import dev.tracegate.internal.config.ExcludedPaths;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.config.TracingConfigException;
import dev.tracegate.internal.sdk.ApplicationSdk;
import dev.tracegate.internal.server.CustomSpanAttributes;
import dev.tracegate.internal.server.IncomingPolicy;
import dev.tracegate.internal.server.ServerSpans;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
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
  private static final String VERSION =
      ApplicationTracing.class.getPackage().getImplementationVersion();

  private static final Logger LOG = Logger.getLogger(ApplicationTracing.class.getName());
  private static final ContextKey<ApplicationTracing> CONTEXT_KEY =
      ContextKey.named("dev.tracegate.application");
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  /** Tracing switched off: the filters return at once. */
  public static final ApplicationTracing DORMANT =
      new ApplicationTracing(
          null,
          null,
          null,
          null,
          ExcludedPaths.parse(ExcludedPaths.NONE),
          null,
          UnsampledShortcut.OFF);

  /**
   * Whether any application has started tracing through this copy of Tracegate. Until one has,
   * every look-up of an application's tracing can only find {@link #DORMANT}, so callers skip it:
   * on Open Liberty the CDI look-up walks the stack, on each outbound call of a dormant
   * application.
   */
  private static volatile boolean anyStarted;

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
   * The tracing of an application the server gives no MicroProfile Config (GlassFish starts its
   * MicroProfile Config once an application with {@code META-INF/microprofile-config.properties},
   * or one that uses MicroProfile Config, is deployed): off, and the log says how to turn it on.
   */
  public static ApplicationTracing withoutConfig(String applicationName) {
    LOG.info(
        () ->
            "Tracegate: tracing is off for application "
                + applicationName
                + ": the server gives it no MicroProfile Config. To enable it, set "
                + TracingConfig.RANDOM_SAMPLING
                + " (0-100, the percentage of new traces to record) in its "
                + "META-INF/microprofile-config.properties, for which the server starts MicroProfile Config.");
    return DORMANT;
  }

  /**
   * Starts an application's tracing from its configuration: its SDK ({@link ApplicationSdk}), and
   * what the filters use of it.
   *
   * @throws TracingConfigException if the OpenTelemetry configuration is invalid
   */
  public static ApplicationTracing start(
      String applicationName, TracingConfig config, ClassLoader applicationLoader) {
    if (!config.enabled()) {
      LOG.info(
          () ->
              "Tracegate: tracing is off for application "
                  + applicationName
                  + ". To enable it, set "
                  + TracingConfig.RANDOM_SAMPLING
                  + " (0-100, the percentage of new traces to record) in "
                  + "META-INF/microprofile-config.properties, an environment variable or a system property.");
      return DORMANT;
    }
    // Before the tracing can be found anywhere, so no look-up misses it.
    anyStarted = true;
    ApplicationSdk built = ApplicationSdk.assemble(applicationName, config, applicationLoader);
    OpenTelemetrySdk sdk = built.sdk();
    LOG.info(
        () ->
            "Tracegate: tracing application "
                + applicationName
                + " ("
                + config.samplingPercentage().stream()
                    .mapToObj(p -> p + "% of new traces sampled")
                    .findFirst()
                    .orElse("sampler from " + TracingConfig.OTEL_TRACES_SAMPLER)
                + ", spans exported with "
                + ApplicationSdk.exporterNames(config)
                + ")");
    return new ApplicationTracing(
        applicationName,
        sdk,
        serverSpans(sdk, config),
        new ClientSpans(tracer(sdk, INSTRUMENTATION_NAME)),
        config.excludedPaths(),
        new IncomingPolicy(config.incoming(), sdk.getPropagators().getTextMapPropagator()),
        UnsampledShortcut.of(config, built.ids()));
  }

  private static ServerSpans serverSpans(OpenTelemetrySdk sdk, TracingConfig config) {
    CustomSpanAttributes custom =
        config.headerPrefixes().isEmpty() && config.staticAttributes().isEmpty()
            ? null
            : new CustomSpanAttributes(config.headerPrefixes(), config.staticAttributes());
    return new ServerSpans(tracer(sdk, INSTRUMENTATION_NAME), custom);
  }

  /**
   * False while no application has started tracing: then every application's is {@link #DORMANT}.
   */
  public static boolean anyStarted() {
    return anyStarted;
  }

  /** The tracing the server filter recorded in this context, or null. */
  public static ApplicationTracing storedIn(Context context) {
    return context.get(CONTEXT_KEY);
  }

  /**
   * The context with this application's tracing recorded, so client calls made in it find it fast.
   */
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
  public void shutdown() {
    if (sdk == null) {
      return;
    }
    CompletableResultCode result = sdk.shutdown().join(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!result.isSuccess()) {
      LOG.log(
          Level.WARNING,
          "Tracegate: spans of application {0} may be lost: the exporter did not finish "
              + "within {1} s of shutdown",
          new Object[] {applicationName, SHUTDOWN_TIMEOUT_SECONDS});
    }
  }
}
