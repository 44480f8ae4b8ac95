package dev.tracegate.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

class TracingConfigTest {

  @Test
  void nothingConfiguredIsDormant() {
    TracingConfig config = TracingConfig.read(config(Map.of()));
    assertFalse(config.enabled());
    assertEquals(OptionalInt.empty(), config.samplingPercentage());
  }

  @Test
  void samplingPercentageEnablesTracing() {
    TracingConfig config = TracingConfig.read(config(Map.of("tracing.random_sampling", " 25 ")));
    assertTrue(config.enabled());
    assertEquals(OptionalInt.of(25), config.samplingPercentage());
  }

  @Test
  void zeroAndHundredAreAllowed() {
    assertEquals(
        OptionalInt.of(0),
        TracingConfig.read(config(Map.of("tracing.random_sampling", "0"))).samplingPercentage());
    assertEquals(
        OptionalInt.of(100),
        TracingConfig.read(config(Map.of("tracing.random_sampling", "100"))).samplingPercentage());
  }

  @Test
  void samplingOutsideZeroToHundredNamesKeyValueAndRange() {
    for (String bad : new String[] {"150", "-1", "abc", "50.5", "", "101"}) {
      TracingConfigException e =
          assertThrows(
              TracingConfigException.class,
              () -> TracingConfig.read(config(Map.of("tracing.random_sampling", bad))),
              bad);
      assertEquals(
          "tracing.random_sampling=\""
              + bad
              + "\" is invalid: it must be a whole percentage from 0 to 100",
          e.getMessage());
    }
  }

  @Test
  void sdkDisabledFalseEnablesWithOtelSampler() {
    TracingConfig config = TracingConfig.read(config(Map.of("otel.sdk.disabled", "false")));
    assertTrue(config.enabled());
    assertEquals(OptionalInt.empty(), config.samplingPercentage());
  }

  @Test
  void sdkDisabledTrueWinsOverSampling() {
    assertFalse(
        TracingConfig.read(
                config(Map.of("otel.sdk.disabled", "true", "tracing.random_sampling", "100")))
            .enabled());
  }

  @Test
  void sdkDisabledMustBeBoolean() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () -> TracingConfig.read(config(Map.of("otel.sdk.disabled", "yes"))));
    assertTrue(e.getMessage().startsWith("otel.sdk.disabled=\"yes\" is invalid"), e.getMessage());
  }

  @Test
  void malformedEndpointIsRejectedWithItsKey() {
    for (String key :
        new String[] {"otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint"}) {
      for (String bad :
          new String[] {"localhost:4317", "not a url", "ftp://host:4317", "http://"}) {
        TracingConfigException e =
            assertThrows(
                TracingConfigException.class,
                () -> TracingConfig.read(config(Map.of("tracing.random_sampling", "1", key, bad))),
                key + "=" + bad);
        assertTrue(e.getMessage().startsWith(key + "=\"" + bad + "\" is invalid"), e.getMessage());
      }
    }
  }

  @Test
  void otelPropertiesArePassedOnUnchanged() {
    TracingConfig config =
        TracingConfig.read(
            config(
                Map.of(
                    "tracing.random_sampling", "10",
                    "otel.exporter.otlp.endpoint", "https://collector:4317",
                    "otel.resource.attributes", "deployment.environment=test",
                    "unrelated.key", "x")));
    assertEquals(
        "https://collector:4317", config.otelProperties().get("otel.exporter.otlp.endpoint"));
    assertEquals(
        "deployment.environment=test", config.otelProperties().get("otel.resource.attributes"));
    assertFalse(config.otelProperties().containsKey("unrelated.key"));
    assertFalse(config.otelProperties().containsKey("tracing.random_sampling"));
  }

  @Test
  void incomingContextIsTrustedByDefault() {
    assertEquals(
        IncomingContext.TRUST,
        TracingConfig.read(config(Map.of("tracing.random_sampling", "5"))).incoming());
  }

  @Test
  void incomingContextModesAreParsed() {
    assertEquals(
        IncomingContext.RESTART,
        TracingConfig.read(
                config(Map.of("tracing.random_sampling", "5", "tracing.incoming", "restart")))
            .incoming());
    assertEquals(
        IncomingContext.IGNORE_SAMPLED,
        TracingConfig.read(
                config(
                    Map.of("tracing.random_sampling", "5", "tracing.incoming", " Ignore-Sampled ")))
            .incoming());
  }

  @Test
  void unknownIncomingModeNamesTheAllowedOnes() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () ->
                TracingConfig.read(
                    config(Map.of("tracing.random_sampling", "5", "tracing.incoming", "maybe"))));
    assertEquals(
        "tracing.incoming=\"maybe\" is invalid: it must be trust, restart or ignore-sampled",
        e.getMessage());
  }

  @Test
  void traceIdsAreRandomByDefault() {
    assertEquals(
        TraceIdFormat.RANDOM,
        TracingConfig.read(config(Map.of("tracing.random_sampling", "5"))).traceIdFormat());
  }

  @Test
  void xrayTraceIdsAreChosenByIdGenerator() {
    assertEquals(
        TraceIdFormat.XRAY,
        TracingConfig.read(
                config(Map.of("tracing.random_sampling", "5", "tracing.id_generator", " XRay ")))
            .traceIdFormat());
  }

  @Test
  void unknownIdGeneratorNamesTheAllowedOnes() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () ->
                TracingConfig.read(
                    config(Map.of("tracing.random_sampling", "5", "tracing.id_generator", "aws"))));
    assertEquals(
        "tracing.id_generator=\"aws\" is invalid: it must be random or xray", e.getMessage());
  }

  @Test
  void ignoreSampledNeedsASamplingPercentage() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () ->
                TracingConfig.read(
                    config(
                        Map.of(
                            "otel.sdk.disabled", "false", "tracing.incoming", "ignore-sampled"))));
    assertTrue(e.getMessage().contains("tracing.random_sampling"), e.getMessage());
  }

  @Test
  void healthMetricsAndOpenApiAreExcludedByDefault() {
    ExcludedPaths excluded =
        TracingConfig.read(config(Map.of("tracing.random_sampling", "100"))).excludedPaths();
    assertTrue(excluded.matches("/health/ready"));
    assertTrue(excluded.matches("/metrics"));
    assertTrue(excluded.matches("/openapi"));
    assertFalse(excluded.matches("/api/orders"));
  }

  @Test
  void excludePathsReplacesTheDefault() {
    ExcludedPaths excluded =
        TracingConfig.read(config(Map.of("tracing.exclude_paths", "/internal/*"))).excludedPaths();
    assertTrue(excluded.matches("/internal/jobs"));
    assertFalse(excluded.matches("/health"));
  }

  @Test
  void badExcludePathFailsWithKeyAndValue() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () -> TracingConfig.read(config(Map.of("tracing.exclude_paths", "health"))));
    assertTrue(
        e.getMessage().startsWith("tracing.exclude_paths=\"health\" is invalid: "), e.getMessage());
  }

  @Test
  void spanAttributesAreOffByDefault() {
    TracingConfig config = TracingConfig.read(config(Map.of("tracing.random_sampling", "100")));
    assertEquals(java.util.List.of(), config.headerPrefixes());
    assertEquals(Map.of(), config.staticAttributes());
  }

  @Test
  void headerPrefixesAreTrimmedAndLowercased() {
    TracingConfig config =
        TracingConfig.read(
            config(Map.of("tracing.span_attributes.header_prefixes", "X-Tenant- , x-req-")));
    assertEquals(java.util.List.of("x-tenant-", "x-req-"), config.headerPrefixes());
  }

  @Test
  void headerPrefixThatCannotStartAHeaderNameIsRejected() {
    for (String bad : new String[] {"x tenant", "x-a,,x-b", "x:"}) {
      TracingConfigException e =
          assertThrows(
              TracingConfigException.class,
              () ->
                  TracingConfig.read(
                      config(Map.of("tracing.span_attributes.header_prefixes", bad))),
              bad);
      assertTrue(
          e.getMessage()
              .startsWith("tracing.span_attributes.header_prefixes=\"" + bad + "\" is invalid: "),
          e.getMessage());
    }
  }

  @Test
  void staticAttributesAreReadByName() {
    TracingConfig config =
        TracingConfig.read(
            config(
                Map.of(
                    "tracing.span_attributes.static.deployment.zone", "eu-1",
                    "tracing.span_attributes.static.team", "payments")));
    assertEquals(Map.of("deployment.zone", "eu-1", "team", "payments"), config.staticAttributes());
  }

  @Test
  void staticAttributeWithoutNameIsRejected() {
    TracingConfigException e =
        assertThrows(
            TracingConfigException.class,
            () -> TracingConfig.read(config(Map.of("tracing.span_attributes.static.", "x"))));
    assertTrue(
        e.getMessage().startsWith("tracing.span_attributes.static.=\"x\" is invalid: "),
        e.getMessage());
  }

  @Test
  void lostSpansAreReportedEveryMinuteByDefault() {
    assertEquals(
        java.time.Duration.ofSeconds(60),
        TracingConfig.read(config(Map.of())).lostSpansLogInterval());
    assertEquals(
        java.time.Duration.ofSeconds(5),
        TracingConfig.read(config(Map.of("tracing.lost_spans.log_interval", "5")))
            .lostSpansLogInterval());
  }

  @Test
  void lostSpansLogIntervalMustBePositiveSeconds() {
    for (String bad : new String[] {"0", "-3", "1.5", "soon", "86401"}) {
      TracingConfigException e =
          assertThrows(
              TracingConfigException.class,
              () -> TracingConfig.read(config(Map.of("tracing.lost_spans.log_interval", bad))),
              bad);
      assertEquals(
          "tracing.lost_spans.log_interval=\""
              + bad
              + "\" is invalid: it must be a whole number of seconds from 1 to 86400",
          e.getMessage());
    }
  }

  /** A MicroProfile Config over a map: the real interface, only what TracingConfig calls. */
  private static Config config(Map<String, String> values) {
    return new Config() {
      @Override
      public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(NoSuchElementException::new);
      }

      @Override
      public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        return Optional.ofNullable(values.get(name)).map(type::cast);
      }

      @Override
      public Iterable<String> getPropertyNames() {
        return values.keySet();
      }

      @Override
      public Iterable<ConfigSource> getConfigSources() {
        return java.util.List.of();
      }

      @Override
      public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
      }

      @Override
      public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
      }
    };
  }
}
