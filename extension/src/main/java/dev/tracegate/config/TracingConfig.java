package dev.tracegate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.Config;

/**
 * One application's tracing configuration, read once from MicroProfile Config and validated.
 *
 * <p>Tracegate's own key is {@value #RANDOM_SAMPLING}; every {@code otel.*} key is handed unchanged to
 * the OpenTelemetry SDK's autoconfigure. This is the only class that reads configuration.
 */
public final class TracingConfig {
  /** Percentage (integer 0..100) of new traces that are recorded and exported. */
  public static final String RANDOM_SAMPLING = "tracing.random_sampling";

  /** How far incoming trace context is trusted: {@code trust}, {@code restart} or {@code ignore-sampled}. */
  public static final String INCOMING = "tracing.incoming";

  public static final String OTEL_SDK_DISABLED = "otel.sdk.disabled";
  public static final String OTEL_SERVICE_NAME = "otel.service.name";
  public static final String OTEL_TRACES_SAMPLER = "otel.traces.sampler";
  public static final String OTEL_TRACES_SAMPLER_ARG = "otel.traces.sampler.arg";

  private static final String[] ENDPOINT_KEYS = {
    "otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint"
  };

  private final OptionalInt samplingPercentage;
  private final boolean enabled;
  private final IncomingContext incoming;
  private final Map<String, String> otelProperties;

  private TracingConfig(OptionalInt samplingPercentage, boolean enabled, IncomingContext incoming,
      Map<String, String> otelProperties) {
    this.samplingPercentage = samplingPercentage;
    this.enabled = enabled;
    this.incoming = incoming;
    this.otelProperties = otelProperties;
  }

  /**
   * Reads and validates the configuration.
   *
   * @throws TracingConfigException naming the key, its value and the allowed values
   */
  public static TracingConfig read(Config config) {
    Map<String, String> otel = new LinkedHashMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("otel.")) {
        config.getOptionalValue(name, String.class).ifPresent(value -> otel.put(name, value));
      }
    }
    // Env vars such as OTEL_SDK_DISABLED are listed under their own names; ask for the dotted key too.
    for (String key : new String[] {OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, ENDPOINT_KEYS[0], ENDPOINT_KEYS[1]}) {
      config.getOptionalValue(key, String.class).ifPresent(value -> otel.put(key, value));
    }

    OptionalInt sampling = parseSampling(config.getOptionalValue(RANDOM_SAMPLING, String.class));
    Optional<Boolean> sdkDisabled = parseBoolean(OTEL_SDK_DISABLED, otel.get(OTEL_SDK_DISABLED));
    for (String key : ENDPOINT_KEYS) {
      validateEndpoint(key, otel.get(key));
    }

    IncomingContext incoming = config.getOptionalValue(INCOMING, String.class)
        .map(IncomingContext::parse).orElse(IncomingContext.TRUST);
    if (incoming == IncomingContext.IGNORE_SAMPLED && sampling.isEmpty()) {
      throw new TracingConfigException(INCOMING + "=\"ignore-sampled\" needs " + RANDOM_SAMPLING
          + " (0 to 100): it decides the sampling of incoming traces");
    }

    // otel.sdk.disabled=true always wins; otherwise either key switches tracing on.
    boolean enabled = !sdkDisabled.orElse(false) && (sampling.isPresent() || sdkDisabled.isPresent());
    return new TracingConfig(sampling, enabled, incoming, Collections.unmodifiableMap(otel));
  }

  static OptionalInt parseSampling(Optional<String> raw) {
    if (raw.isEmpty()) {
      return OptionalInt.empty();
    }
    String value = raw.get().trim();
    int percentage;
    try {
      percentage = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      percentage = -1;
    }
    if (percentage < 0 || percentage > 100) {
      throw new TracingConfigException(
          RANDOM_SAMPLING + "=\"" + raw.get() + "\" is invalid: it must be a whole percentage from 0 to 100");
    }
    return OptionalInt.of(percentage);
  }

  private static Optional<Boolean> parseBoolean(String key, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim();
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Optional.of(Boolean.parseBoolean(value));
    }
    throw new TracingConfigException(key + "=\"" + raw + "\" is invalid: it must be true or false");
  }

  private static void validateEndpoint(String key, String raw) {
    if (raw == null) {
      return;
    }
    String problem;
    try {
      URI uri = new URI(raw.trim());
      boolean httpScheme = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      problem = !httpScheme ? "the scheme must be http or https"
          : uri.getHost() == null ? "it has no host"
          : null;
    } catch (URISyntaxException e) {
      problem = e.getReason();
    }
    if (problem != null) {
      throw new TracingConfigException(key + "=\"" + raw + "\" is invalid: " + problem
          + " (expected a URL such as http://localhost:4317)");
    }
  }

  /** Whether this application records and propagates traces at all. */
  public boolean enabled() {
    return enabled;
  }

  /** The {@value #RANDOM_SAMPLING} percentage, if set. */
  public OptionalInt samplingPercentage() {
    return samplingPercentage;
  }

  /** How far incoming trace context is trusted ({@value #INCOMING}). */
  public IncomingContext incoming() {
    return incoming;
  }

  /** Every {@code otel.*} property from MicroProfile Config, for the SDK's autoconfigure. */
  public Map<String, String> otelProperties() {
    return otelProperties;
  }
}
