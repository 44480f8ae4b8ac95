package dev.tracegate.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.CapturedLogs;
import dev.tracegate.DeployedApplication;
import dev.tracegate.ExportedSpans;
import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.TracingConfigException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The CDI extension deploying an application's tracing from its MicroProfile Config, in-process on
 * Weld.
 */
class TracingExtensionTest {
  /** An application bean that records its work with the Tracer MicroProfile Telemetry injects. */
  @Dependent
  static class Worker {
    @Inject Tracer tracer;

    Span work(String name) {
      Span span = tracer.spanBuilder(name).startSpan();
      span.end();
      return span;
    }
  }

  @Test
  void theApplicationIsTracedAsItsMicroProfileConfigSays() {
    // META-INF/microprofile-config.properties: tracing.random_sampling=100,
    // otel.traces.exporter=memory
    try (WeldContainer application = DeployedApplication.with(Worker.class).initialize()) {
      ApplicationTracing tracing = DeployedApplication.tracing();
      assertTrue(tracing.enabled());
      Span span = application.select(Worker.class).get().work("work");

      List<SpanData> exported = ExportedSpans.of(tracing);
      assertEquals(1, exported.size());
      assertEquals(span.getSpanContext(), exported.get(0).getSpanContext());
      assertTrue(span.getSpanContext().isSampled(), "random_sampling=100 samples every new trace");
    }
  }

  @Test
  void aBadTracingValueFailsTheDeploymentNamingTheKey() {
    try (DeployedApplication.Configured config =
        DeployedApplication.configuredWith(Map.of("tracing.random_sampling", "101"))) {
      DeploymentException failed =
          assertThrows(
              DeploymentException.class, () -> DeployedApplication.with(Worker.class).initialize());

      TracingConfigException problem =
          assertInstanceOf(TracingConfigException.class, rootProblem(failed));
      assertTrue(
          problem.getMessage().startsWith("Tracegate: tracing.random_sampling=\"101\" is invalid"),
          problem.getMessage());
    }
  }

  @Test
  void aBadOpenTelemetryValueFailsTheDeploymentNamingTheKey() {
    try (DeployedApplication.Configured config =
        DeployedApplication.configuredWith(
            Map.of("tracing.random_sampling", "100", "otel.traces.exporter", "no-such-exporter"))) {
      DeploymentException failed =
          assertThrows(
              DeploymentException.class, () -> DeployedApplication.with(Worker.class).initialize());

      TracingConfigException problem =
          assertInstanceOf(TracingConfigException.class, rootProblem(failed));
      assertTrue(
          problem.getMessage().startsWith("Tracegate: invalid OpenTelemetry configuration"),
          problem.getMessage());
      assertTrue(problem.getMessage().contains("otel.traces.exporter"), problem.getMessage());
      assertFalse(
          problem.getMessage().startsWith("Tracegate: Tracegate:"),
          "one prefix: " + problem.getMessage());
    }
  }

  @Test
  void withoutTracingConfiguredTheApplicationDeploysWithNoOpTelemetry() {
    try (DeployedApplication.Configured config = DeployedApplication.configuredWith(Map.of());
        WeldContainer application = DeployedApplication.with(Worker.class).initialize()) {
      assertSame(ApplicationTracing.DORMANT, DeployedApplication.tracing());
      assertSame(OpenTelemetry.noop(), application.select(OpenTelemetry.class).get());
      Span span = application.select(Worker.class).get().work("work");
      assertFalse(span.getSpanContext().isValid());
    }
  }

  @Test
  void withoutAnyMicroProfileConfigTheApplicationDeploysUntracedAndTheLogSaysHowToTraceIt() {
    // GlassFish: no ConfigProviderResolver is found until an application that uses MicroProfile
    // Config is deployed.
    ConfigProviderResolver.setInstance(new NoConfigImplementation());
    try (CapturedLogs logs = CapturedLogs.of("dev.tracegate");
        WeldContainer application = DeployedApplication.with(Worker.class).initialize()) {
      assertSame(ApplicationTracing.DORMANT, DeployedApplication.tracing());
      assertFalse(application.select(Worker.class).get().work("work").getSpanContext().isValid());
      List<String> lines = logs.records().stream().map(LogRecord::getMessage).toList();
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(
          lines.get(0).startsWith("Tracegate: tracing is off for application "), lines.get(0));
      assertTrue(
          lines.get(0).contains("no MicroProfile Config")
              && lines.get(0).contains("tracing.random_sampling")
              && lines.get(0).contains("META-INF/microprofile-config.properties"),
          lines.get(0));
    } finally {
      ConfigProviderResolver.setInstance(null); // the next instance() finds SmallRye again
    }
  }

  /** Answers as ConfigProvider does on a server without a MicroProfile Config implementation. */
  static final class NoConfigImplementation extends ConfigProviderResolver {
    @Override
    public Config getConfig() {
      throw new IllegalStateException("No ConfigProviderResolver implementation found!");
    }

    @Override
    public Config getConfig(ClassLoader loader) {
      return getConfig();
    }

    @Override
    public ConfigBuilder getBuilder() {
      return getConfig().unwrap(ConfigBuilder.class);
    }

    @Override
    public void registerConfig(Config config, ClassLoader classLoader) {}

    @Override
    public void releaseConfig(Config config) {}
  }

  @Test
  void stoppingTheApplicationExportsItsQueuedSpansAndEndsItsTracing() {
    Span span;
    TracingExtension extension;
    // The batch processor's own schedule would not export before the application stops.
    try (DeployedApplication.Configured config =
            DeployedApplication.configuredWith(
                Map.of(
                    "tracing.random_sampling",
                    "100",
                    "otel.traces.exporter",
                    "memory",
                    "otel.bsp.schedule.delay",
                    "3600000"));
        WeldContainer application = DeployedApplication.with(Worker.class).initialize()) {
      extension = application.getBeanManager().getExtension(TracingExtension.class);
      span = application.select(Worker.class).get().work("queued");
    }

    List<SpanData> exported = ExportedSpans.ofStoppedApplication();
    assertEquals(1, exported.size());
    assertEquals(span.getSpanContext(), exported.get(0).getSpanContext());
    assertSame(ApplicationTracing.DORMANT, extension.tracing());
  }

  /** The deployment problem the extension added, inside whatever the container wraps it in. */
  private static Throwable rootProblem(DeploymentException failed) {
    Throwable problem = failed;
    while (problem.getCause() != null && !(problem instanceof TracingConfigException)) {
      problem = problem.getCause();
    }
    return problem;
  }
}
