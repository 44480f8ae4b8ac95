package dev.tracegate.internal.mptelemetry;

import dev.tracegate.internal.ApplicationTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.util.function.Supplier;

/**
 * The CDI beans MicroProfile Telemetry applications inject: {@link OpenTelemetry} and {@link
 * Tracer} of the application's SDK (no-op while its tracing is off), and {@link Span} and {@link
 * Baggage} that always act on the current ones. Added as synthetic beans because the jar itself is
 * not a bean archive (it may live in the server's {@code lib/global}).
 */
public final class TelemetryBeans {
  /** The instrumentation scope of spans made with the injected {@link Tracer}. */
  public static final String INSTRUMENTATION_NAME = "dev.tracegate.mptelemetry";

  private TelemetryBeans() {}

  /**
   * Adds the four beans to the application being deployed.
   *
   * @param tracing the application's tracing, asked each time a bean is created (after deployment)
   */
  public static void register(AfterBeanDiscovery discovery, Supplier<ApplicationTracing> tracing) {
    discovery
        .addBean()
        .beanClass(TelemetryBeans.class)
        .types(Object.class, OpenTelemetry.class)
        .scope(Dependent.class)
        .createWith(creation -> openTelemetry(tracing.get()));
    discovery
        .addBean()
        .beanClass(TelemetryBeans.class)
        .types(Object.class, Tracer.class)
        .scope(Dependent.class)
        .createWith(creation -> openTelemetry(tracing.get()).getTracer(INSTRUMENTATION_NAME));
    discovery
        .addBean()
        .beanClass(TelemetryBeans.class)
        .types(Object.class, Span.class)
        .scope(Dependent.class)
        .createWith(creation -> CurrentSpan.INSTANCE);
    discovery
        .addBean()
        .beanClass(TelemetryBeans.class)
        .types(Object.class, Baggage.class)
        .scope(Dependent.class)
        .createWith(creation -> CurrentBaggage.INSTANCE);
  }

  static OpenTelemetry openTelemetry(ApplicationTracing tracing) {
    return tracing.enabled() ? tracing.sdk() : OpenTelemetry.noop();
  }
}
