package dev.tracegate.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * One application's tracing configuration, read once from MicroProfile Config and validated.
 *
 * <p>Tracegate's own keys are {@code tracing.*}; every {@code otel.*} key is handed unchanged to
 * the OpenTelemetry SDK's autoconfigure. This is the only class that reads configuration.
 */
public final class TracingConfig {
  /** Percentage (integer 0..100) of new traces that are recorded and exported. */
  public static final String RANDOM_SAMPLING = "tracing.random_sampling";

  /** Path prefixes or globs, after the context root, of requests that get no SERVER span. */
  public static final String EXCLUDE_PATHS = "tracing.exclude_paths";

  /** Prefixes of request headers that become SERVER span attributes. */
  public static final String HEADER_PREFIXES = "tracing.span_attributes.header_prefixes";

  /**
   * {@code tracing.span_attributes.static.<attribute>=<value>}: attributes put on every SERVER
   * span.
   */
  public static final String STATIC_ATTRIBUTES = "tracing.span_attributes.static.";

  /** Seconds between two log lines about spans lost while the collector is unreachable. */
  public static final String LOST_SPANS_LOG_INTERVAL = "tracing.lost_spans.log_interval";

  static final int DEFAULT_LOST_SPANS_LOG_INTERVAL_SECONDS = 60;

  /** RFC 9110 token characters: what a header name may contain. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+");

  /**
   * How far incoming trace context is trusted: {@code trust}, {@code restart} or {@code
   * ignore-sampled}.
   */
  public static final String INCOMING = "tracing.incoming";

  /** How new trace ids are made: {@code random} (the default) or {@code xray}. */
  public static final String ID_GENERATOR = "tracing.id_generator";

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
  private final ExcludedPaths excludedPaths;
  private final List<String> headerPrefixes;
  private final Map<String, String> staticAttributes;
  private final Duration lostSpansLogInterval;
  private final TraceIdFormat traceIdFormat;

  private TracingConfig(
      OptionalInt samplingPercentage,
      boolean enabled,
      IncomingContext incoming,
      Map<String, String> otelProperties,
      ExcludedPaths excludedPaths,
      List<String> headerPrefixes,
      Map<String, String> staticAttributes,
      Duration lostSpansLogInterval,
      TraceIdFormat traceIdFormat) {
    this.lostSpansLogInterval = lostSpansLogInterval;
    this.traceIdFormat = traceIdFormat;
    this.samplingPercentage = samplingPercentage;
    this.enabled = enabled;
    this.incoming = incoming;
    this.otelProperties = otelProperties;
    this.excludedPaths = excludedPaths;
    this.headerPrefixes = headerPrefixes;
    this.staticAttributes = staticAttributes;
  }

  /**
   * Reads and validates the configuration.
   *
   * @throws TracingConfigException naming the key, its value and the allowed values
   */
  public static TracingConfig read(Config config) {
    Map<String, String> otel = new LinkedHashMap<>();
    Map<String, String> staticAttributes = new LinkedHashMap<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("otel.")) {
        config.getOptionalValue(name, String.class).ifPresent(value -> otel.put(name, value));
      } else if (name.startsWith(STATIC_ATTRIBUTES)) {
        String attribute = name.substring(STATIC_ATTRIBUTES.length()).trim();
        if (attribute.isEmpty()) {
          throw new TracingConfigException(
              name
                  + "=\""
                  + config.getOptionalValue(name, String.class).orElse("")
                  + "\" is invalid: the attribute name after "
                  + STATIC_ATTRIBUTES
                  + " is missing");
        }
        config
            .getOptionalValue(name, String.class)
            .ifPresent(value -> staticAttributes.put(attribute, value));
      }
    }
    // Env vars such as OTEL_SDK_DISABLED are listed under their own names; ask for the dotted key
    // too.
    for (String key :
        new String[] {OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, ENDPOINT_KEYS[0], ENDPOINT_KEYS[1]}) {
      config.getOptionalValue(key, String.class).ifPresent(value -> otel.put(key, value));
    }

    OptionalInt sampling = parseSampling(config.getOptionalValue(RANDOM_SAMPLING, String.class));
    Optional<Boolean> sdkDisabled = parseBoolean(OTEL_SDK_DISABLED, otel.get(OTEL_SDK_DISABLED));
    for (String key : ENDPOINT_KEYS) {
      validateEndpoint(key, otel.get(key));
    }

    IncomingContext incoming =
        config
            .getOptionalValue(INCOMING, String.class)
            .map(
                raw -> parseChoice(INCOMING, raw, IncomingContext.values(), IncomingContext::value))
            .orElse(IncomingContext.TRUST);
    if (incoming == IncomingContext.IGNORE_SAMPLED && sampling.isEmpty()) {
      throw new TracingConfigException(
          INCOMING
              + "=\"ignore-sampled\" needs "
              + RANDOM_SAMPLING
              + " (0 to 100): it decides the sampling of incoming traces");
    }

    // otel.sdk.disabled=true always wins; otherwise either key switches tracing on.
    boolean enabled =
        !sdkDisabled.orElse(false) && (sampling.isPresent() || sdkDisabled.isPresent());
    ExcludedPaths excluded =
        ExcludedPaths.parse(
            config.getOptionalValue(EXCLUDE_PATHS, String.class).orElse(ExcludedPaths.DEFAULT));
    List<String> headerPrefixes =
        parseHeaderPrefixes(config.getOptionalValue(HEADER_PREFIXES, String.class));
    Duration lostSpansLogInterval =
        parseLostSpansLogInterval(config.getOptionalValue(LOST_SPANS_LOG_INTERVAL, String.class));
    TraceIdFormat traceIdFormat =
        config
            .getOptionalValue(ID_GENERATOR, String.class)
            .map(
                raw -> parseChoice(ID_GENERATOR, raw, TraceIdFormat.values(), TraceIdFormat::value))
            .orElse(TraceIdFormat.RANDOM);
    return new TracingConfig(
        sampling,
        enabled,
        incoming,
        Collections.unmodifiableMap(otel),
        excluded,
        headerPrefixes,
        Collections.unmodifiableMap(staticAttributes),
        lostSpansLogInterval,
        traceIdFormat);
  }

  static Duration parseLostSpansLogInterval(Optional<String> raw) {
    if (raw.isEmpty()) {
      return Duration.ofSeconds(DEFAULT_LOST_SPANS_LOG_INTERVAL_SECONDS);
    }
    int seconds;
    try {
      seconds = Integer.parseInt(raw.get().trim());
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (seconds < 1 || seconds > 86_400) {
      throw new TracingConfigException(
          LOST_SPANS_LOG_INTERVAL
              + "=\""
              + raw.get()
              + "\" is invalid: it must be a whole number of seconds from 1 to 86400");
    }
    return Duration.ofSeconds(seconds);
  }

  static List<String> parseHeaderPrefixes(Optional<String> raw) {
    if (raw.isEmpty()) {
      return List.of();
    }
    List<String> prefixes = new ArrayList<>();
    for (String part : raw.get().split(",", -1)) {
      String prefix = part.trim().toLowerCase(Locale.ROOT);
      if (!HEADER_NAME.matcher(prefix).matches()) {
        throw new TracingConfigException(
            HEADER_PREFIXES
                + "=\""
                + raw.get()
                + "\" is invalid: \""
                + part.trim()
                + "\" is not the start of a header name (expected a comma list such as x-tenant-,x-request-)");
      }
      prefixes.add(prefix);
    }
    return List.copyOf(prefixes);
  }

  /**
   * The choice whose configuration value {@code raw} is (trimmed, in any case).
   *
   * @throws TracingConfigException naming the key, the value and every allowed value
   */
  static <E> E parseChoice(String key, String raw, E[] choices, Function<E, String> valueOf) {
    String wanted = raw.trim().toLowerCase(Locale.ROOT);
    List<String> allowed = new ArrayList<>();
    for (E choice : choices) {
      if (valueOf.apply(choice).equals(wanted)) {
        return choice;
      }
      allowed.add(valueOf.apply(choice));
    }
    String last = allowed.remove(allowed.size() - 1);
    throw new TracingConfigException(
        key
            + "=\""
            + raw
            + "\" is invalid: it must be "
            + String.join(", ", allowed)
            + " or "
            + last);
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
          RANDOM_SAMPLING
              + "=\""
              + raw.get()
              + "\" is invalid: it must be a whole percentage from 0 to 100");
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
      boolean httpScheme =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      problem =
          !httpScheme
              ? "the scheme must be http or https"
              : uri.getHost() == null ? "it has no host" : null;
    } catch (URISyntaxException e) {
      problem = e.getReason();
    }
    if (problem != null) {
      throw new TracingConfigException(
          key
              + "=\""
              + raw
              + "\" is invalid: "
              + problem
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

  /** The paths whose requests get no SERVER span; by default health, metrics and OpenAPI. */
  public ExcludedPaths excludedPaths() {
    return excludedPaths;
  }

  /** Lowercased prefixes of request headers captured as SERVER span attributes; empty when off. */
  public List<String> headerPrefixes() {
    return headerPrefixes;
  }

  /** Attributes put on every SERVER span, by attribute name; empty when off. */
  public Map<String, String> staticAttributes() {
    return staticAttributes;
  }

  /** The shortest time between two log lines about lost spans. */
  public Duration lostSpansLogInterval() {
    return lostSpansLogInterval;
  }

  /** How new trace ids are made ({@value #ID_GENERATOR}). */
  public TraceIdFormat traceIdFormat() {
    return traceIdFormat;
  }

  /** Every {@code otel.*} property from MicroProfile Config, for the SDK's autoconfigure. */
  public Map<String, String> otelProperties() {
    return otelProperties;
  }
}
