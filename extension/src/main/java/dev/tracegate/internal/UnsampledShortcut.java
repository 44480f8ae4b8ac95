package dev.tracegate.internal;

import dev.tracegate.internal.config.IncomingContext;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.server.IncomingPolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The "not sampled" decisions of {@value TracingConfig#RANDOM_SAMPLING}'s sampler that are known
 * before any span is built: a parent that is not sampled, or a new trace at 0 %. Such a request
 * then costs a propagation, not a span's worth of attributes that the sampler would throw away.
 *
 * <p>The context it gives is the one the SDK gives an unsampled span: the parent's trace id and
 * {@code tracestate} (or a new trace id), a new span id, the sampled flag clear. Attribute-based or
 * custom samplers ({@code otel.traces.sampler} without the percentage) are never second-guessed:
 * the shortcut is off for them.
 */
public final class UnsampledShortcut {
  static final UnsampledShortcut OFF =
      new UnsampledShortcut(false, -1, IncomingContext.TRUST, IdGenerator.random());

  private final boolean on;
  private final int percentage;
  private final IncomingContext incoming;
  private final IdGenerator ids;

  private UnsampledShortcut(boolean on, int percentage, IncomingContext incoming, IdGenerator ids) {
    this.on = on;
    this.percentage = percentage;
    this.incoming = incoming;
    this.ids = ids;
  }

  /**
   * The shortcut for the sampler {@link ApplicationTracing} builds from this configuration.
   *
   * @param ids the id generator the application's SDK was given
   */
  static UnsampledShortcut of(TracingConfig config, IdGenerator ids) {
    if (config.samplingPercentage().isEmpty()) {
      return OFF;
    }
    return new UnsampledShortcut(
        true, config.samplingPercentage().getAsInt(), config.incoming(), ids);
  }

  /**
   * Whether a span with this parent is certainly not sampled. Mirrors the parent-based ratio
   * sampler: a new trace is sampled by the percentage (certainly not at 0), a child follows its
   * parent's flag, except that with {@code tracing.incoming=ignore-sampled} a remote parent counts
   * as a new trace.
   */
  public boolean dropsChildOf(SpanContext parent) {
    if (!on) {
      return false;
    }
    if (!parent.isValid()
        || (parent.isRemote() && IncomingPolicy.ignoresRemoteSampledFlag(incoming))) {
      return percentage == 0;
    }
    return !parent.isSampled();
  }

  /**
   * {@code parent} with an unsampled child span made current, for {@link #dropsChildOf} parents
   * only. Its flags are the SDK's: not sampled, and the W3C "random trace id" flag of a new trace
   * from a random id generator, or else the parent's.
   */
  public Context unsampledChild(Context parent) {
    SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
    SpanContext child =
        parentSpan.isValid()
            ? SpanContext.create(
                parentSpan.getTraceId(),
                ids.generateSpanId(),
                unsampledFlags(parentSpan.getTraceFlags().isTraceIdRandom()),
                parentSpan.getTraceState())
            : SpanContext.create(
                ids.generateTraceId(),
                ids.generateSpanId(),
                unsampledFlags(ids.generatesRandomTraceIds()),
                TraceState.getDefault());
    return parent.with(Span.wrap(child));
  }

  private static TraceFlags unsampledFlags(boolean randomTraceId) {
    return TraceFlags.builder().setSampled(false).setRandomTraceId(randomTraceId).build();
  }
}
