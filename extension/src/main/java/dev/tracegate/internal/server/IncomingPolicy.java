package dev.tracegate.internal.server;

import dev.tracegate.internal.config.IncomingContext;
import dev.tracegate.internal.config.TracingConfig;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a service takes from the trace context its callers send ({@value TracingConfig#INCOMING}),
 * decided in this one class: the parent of a request's span, or, on an excluded path, the context
 * its outbound calls continue (and so everything that may be forwarded downstream: trace id,
 * sampled flag, {@code tracestate}, baggage); the caller's span to link; and how the sampler sees a
 * remote parent. Every path of the server filter ({@code jaxrs.ServerTracingFilter}) asks {@link
 * #read}; nothing else reads a caller's context.
 *
 * <table>
 *   <caption>per mode</caption>
 *   <tr><th>mode</th><th>parent (all that may be forwarded)</th><th>link</th><th>remote sampled flag</th></tr>
 *   <tr><td>trust</td><td>the caller's context</td><td>none</td><td>obeyed</td></tr>
 *   <tr><td>restart</td><td>none: a new trace, no {@code tracestate}, no baggage</td><td>the caller's span, if valid</td><td>-</td></tr>
 *   <tr><td>ignore-sampled</td><td>the caller's context</td><td>none</td><td>ignored: sampled by the percentage</td></tr>
 * </table>
 */
public final class IncomingPolicy {
  private final IncomingContext mode;
  private final TextMapPropagator propagator;

  /**
   * @param propagator the application's propagators, which read the caller's headers
   */
  public IncomingPolicy(IncomingContext mode, TextMapPropagator propagator) {
    this.mode = mode;
    this.propagator = propagator;
  }

  /**
   * What a request brings in.
   *
   * @param parent the parent of the request's span, or the context of its outbound calls when it
   *     has no span
   * @param link the caller's span, to be linked (never a parent), or null
   */
  public record Incoming(Context parent, SpanContext link) {}

  /**
   * The caller's context as this service may use it. Always read from the root context: nothing
   * left on a pooled thread may become a parent.
   */
  public Incoming read(ServerRequest request) {
    Context caller = propagator.extract(Context.root(), request, ServerRequestAttributes.HEADERS);
    if (mode != IncomingContext.RESTART) {
      return new Incoming(caller, null);
    }
    SpanContext callerSpan = Span.fromContext(caller).getSpanContext();
    return new Incoming(Context.root(), callerSpan.isValid() ? callerSpan : null);
  }

  /**
   * Whether a remote parent's sampled flag is ignored, the span then sampled by the percentage as a
   * new trace is; the sampler from {@link #sampler} and the unsampled shortcut both follow it.
   */
  public static boolean ignoresRemoteSampledFlag(IncomingContext mode) {
    return mode == IncomingContext.IGNORE_SAMPLED;
  }

  /**
   * The sampler for this mode. With {@code ignore-sampled}, a span with a remote parent is sampled
   * by the percentage, by its trace id, as a new trace is; spans with a parent in this service keep
   * its decision ({@code configured}), so a trace is never cut in the middle of a service.
   *
   * @param percentage {@value TracingConfig#RANDOM_SAMPLING}, which {@code ignore-sampled} requires
   */
  public static Sampler sampler(IncomingContext mode, Sampler configured, OptionalInt percentage) {
    if (!ignoresRemoteSampledFlag(mode)) {
      return configured;
    }
    return new RemoteParentIgnored(
        configured, Sampler.traceIdRatioBased(percentage.getAsInt() / 100.0));
  }

  /**
   * Not a parent-based sampler with the ratio as its remote-parent samplers: that is the same
   * decision, but OpenTelemetry warns at every start that such a configuration is discouraged.
   */
  private record RemoteParentIgnored(Sampler configured, Sampler byPercentage) implements Sampler {
    @Override
    public SamplingResult shouldSample(
        Context parentContext,
        String traceId,
        String name,
        SpanKind spanKind,
        Attributes attributes,
        List<LinkData> parentLinks) {
      SpanContext parent = Span.fromContext(parentContext).getSpanContext();
      Sampler decides = parent.isValid() && parent.isRemote() ? byPercentage : configured;
      return decides.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
      return "RemoteParentIgnored{remote="
          + byPercentage.getDescription()
          + ",else="
          + configured.getDescription()
          + "}";
    }
  }
}
