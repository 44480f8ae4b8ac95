package dev.tracegate.internal.jaxrs;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.cdi.CurrentApplication;
import dev.tracegate.internal.logging.TraceLogFields;
import dev.tracegate.internal.server.IncomingPolicy;
import dev.tracegate.internal.server.RouteTemplate;
import dev.tracegate.internal.server.ServerCall;
import dev.tracegate.internal.server.ServerRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;

/**
 * Records a SERVER span for each JAX-RS request: continues the caller's W3C trace context when the
 * {@code traceparent} is valid, starts a new trace otherwise, and makes the span current while the
 * application handles the request so that outbound calls become its children.
 *
 * <p>What is taken from the caller, on every path, is decided by {@link IncomingPolicy}. A request
 * to an excluded path gets no span; the context the policy allows is still made current, so the
 * trace goes on downstream. A request whose span would not be sampled gets none either, only the
 * context of an unsampled span ({@link dev.tracegate.internal.UnsampledShortcut}).
 *
 * <p>Registered through {@code META-INF/services/jakarta.ws.rs.ext.Providers}, and by {@link
 * TracingFeature} where that file is not read (Jersey). Pre-matching, so requests that match no
 * resource (404) are traced too; the lowest priority number puts the span around every other
 * filter.
 */
@PreMatching
@Priority(ServerTracingFilter.PRIORITY)
public final class ServerTracingFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final int PRIORITY = 100;

  @jakarta.ws.rs.core.Context private ResourceInfo resourceInfo;
  @jakarta.ws.rs.core.Context private Application application;

  private final RouteTemplate routes = new RouteTemplate();
  private volatile CachedTracing cached;

  @Override
  public void filter(ContainerRequestContext requestContext) {
    // Whatever this application's tracing, no earlier request's context may stay on this pooled
    // thread.
    ServerCall.closeLeftoverScopeOnThisThread();
    // Nor its log fields, even those another application's copy of Tracegate left (they are
    // Liberty's, per thread).
    TraceLogFields.clear();
    CachedTracing current = cachedTracing();
    ApplicationTracing tracing = current.tracing;
    if (!tracing.enabled()) {
      return;
    }
    ServerRequest request = new ServerRequest(requestContext);
    BasePaths base = current.basePaths(request, application);
    IncomingPolicy.Incoming incoming = tracing.incomingPolicy().read(request);
    if (tracing.excludedPaths().matches(request.pathAfterContextRoot(base.afterContextRoot()))) {
      // No span; the context the policy allows is still current, so the trace goes on downstream.
      requestContext.setProperty(
          ServerCall.PROPERTY, ServerCall.untraced(request, tracing.storeIn(incoming.parent())));
      return;
    }
    if (tracing.unsampled().dropsChildOf(Span.fromContext(incoming.parent()).getSpanContext())) {
      // The span would not be sampled: only its context goes on, to the application and downstream.
      Context unsampled = tracing.storeIn(tracing.unsampled().unsampledChild(incoming.parent()));
      requestContext.setProperty(ServerCall.PROPERTY, ServerCall.untraced(request, unsampled));
      return;
    }
    Span span = tracing.serverSpans().start(incoming.parent(), incoming.link(), request);
    Context context = tracing.storeIn(incoming.parent().with(span));
    requestContext.setProperty(
        ServerCall.PROPERTY, new ServerCall(span, request, context, routes, base.raw()));
  }

  @Override
  public void filter(
      ContainerRequestContext requestContext, ContainerResponseContext responseContext) {
    ServerCall call = ServerCall.of(requestContext);
    if (call == null) {
      return;
    }
    call.end(call.route(resourceInfo), responseContext.getStatus(), null);
    call.closeScopeOnRequestThread();
  }

  /**
   * The application's tracing. One filter instance normally serves one application; the check on
   * the context class loader keeps it right if a server shares instances between applications.
   */
  private CachedTracing cachedTracing() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    CachedTracing current = cached;
    if (current == null || current.loader != loader) {
      current = new CachedTracing(loader, CurrentApplication.tracingOfRequest(loader));
      cached = current;
    }
    return current;
  }

  /**
   * What stays the same for every request of one application: its tracing, and the paths of its
   * base URI, worked out from its first request (a race only works them out twice, alike).
   */
  private static final class CachedTracing {
    final ClassLoader loader;
    final ApplicationTracing tracing;
    private volatile BasePaths basePaths;

    CachedTracing(ClassLoader loader, ApplicationTracing tracing) {
      this.loader = loader;
      this.tracing = tracing;
    }

    BasePaths basePaths(ServerRequest request, Application application) {
      BasePaths paths = basePaths;
      if (paths == null) {
        String raw = request.baseRawPath();
        paths = new BasePaths(raw, ServerRequest.basePathAfterContextRoot(raw, application));
        basePaths = paths;
      }
      return paths;
    }
  }

  /**
   * @param raw the raw path of the base URI ({@code /shop/api/}), the prefix of every route
   * @param afterContextRoot its part after the context root ({@code /api}), the prefix of excluded
   *     paths
   */
  private record BasePaths(String raw, String afterContextRoot) {}
}
