package dev.tracegate.internal.server;

import dev.tracegate.internal.client.ClientCall;
import dev.tracegate.internal.logging.TraceLogFields;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One traced incoming request: its SERVER span's context and the scope that makes it current on the
 * request thread. Stored as a request property, so the JAX-RS response filter and {@code
 * jaxrs.UnhandledExceptionRecorder} can both finish it; whichever comes first wins.
 */
public final class ServerCall {
  public static final String PROPERTY = ServerCall.class.getName();
  private static final ContextKey<ServerCall> CONTEXT_KEY = ContextKey.named(PROPERTY);

  /**
   * The call whose scope is open on this thread: after an async request, until the thread is next
   * seen. Cleared with {@code set(null)}, not {@code remove()}: the thread's map entry is then
   * reused by every request instead of made anew (it holds nothing once cleared).
   */
  private static final ThreadLocal<ServerCall> SCOPE_OPEN_ON_THIS_THREAD = new ThreadLocal<>();

  /** The call of the request being handled, if it is traced. */
  public static ServerCall of(ContainerRequestContext requestContext) {
    return requestContext.getProperty(PROPERTY) instanceof ServerCall call ? call : null;
  }

  /** The call whose scope is current on this thread, if any. */
  public static ServerCall current() {
    return Context.current().get(CONTEXT_KEY);
  }

  private static final AtomicIntegerFieldUpdater<ServerCall> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ServerCall.class, "ended");

  private final Span span;
  private final ServerRequest request;
  private final RouteTemplate routes;
  private final String baseRawPath;
  private final Thread requestThread;
  // What the scope made current: the request's context and this call.
  private final Context attached;
  private volatile int ended;
  private Scope scope;

  /**
   * A request with no span to end (an excluded path, or a span that would not be sampled), whose
   * context is still current on the request thread, so its client calls carry the trace downstream.
   */
  public static ServerCall untraced(ServerRequest request, Context context) {
    return new ServerCall(null, request, context, null, null);
  }

  /**
   * @param span the request's SERVER span, not yet ended, or null for none
   * @param context the context to make current: {@code span}'s
   * @param routes the route templates of the application's resource methods
   * @param baseRawPath the raw path of the application's base URI, the prefix of the route
   */
  @SuppressWarnings(
      "MustBeClosedChecker") // closed when the response is sent (closeScopeOnRequestThread)
  public ServerCall(
      Span span, ServerRequest request, Context context, RouteTemplate routes, String baseRawPath) {
    this.span = span;
    this.routes = routes;
    this.request = request;
    this.baseRawPath = baseRawPath;
    this.requestThread = Thread.currentThread();
    this.attached = context.with(CONTEXT_KEY, this);
    this.scope = TraceLogFields.whileCurrent(context, attached.makeCurrent());
    SCOPE_OPEN_ON_THIS_THREAD.set(this);
  }

  /**
   * Closes the scope an earlier request left open on this thread. An async request's response is
   * finished on another thread, where its scope must not be closed, so the request thread went back
   * to the pool with the scope still open; it is closed here, on its own thread, by the server
   * filter before the thread does anything else traced. The scope is closed only if it is still the
   * current one, as it is then; one that code made another context current on top of stays recorded
   * here, and is closed once that code has closed its own.
   */
  public static void closeLeftoverScopeOnThisThread() {
    closeIfCurrent(SCOPE_OPEN_ON_THIS_THREAD.get());
  }

  private static void closeIfCurrent(ServerCall leftover) {
    if (leftover != null && Context.current() == leftover.attached) {
      leftover.closeScopeOnRequestThread();
    }
  }

  /**
   * The current context, as Tracegate reads it outside the server filter (client calls,
   * {@code @WithSpan} and {@code @InvokeAgent} methods, tasks handed to a managed executor): less
   * whatever an async request left on this, its request thread, once its response has been sent.
   * Nothing that runs here afterwards (a servlet, a task, code of another application) belongs to
   * that request, and none of it may continue its trace, forward its {@code tracestate} or baggage,
   * or be recorded with its application's tracing. The server filter closes such a scope at the
   * next JAX-RS request on the thread; this closes it at the first of these reads, and where the
   * application has made a context of its own current on top of it (its own baggage), keeps only
   * what the application added. A request whose response has not been sent yet keeps its context:
   * its resource method may still be running here.
   */
  public static Context currentContext() {
    closeScopeOfAnsweredRequestOnThisThread();
    Context current = Context.current();
    ServerCall call = current.get(CONTEXT_KEY);
    return call == null || !call.answeredAndLeftBehindOnThisThread()
        ? current
        : call.withoutThisRequest(current);
  }

  /**
   * Closes the scope an async request left open on this thread once its response has been sent, if
   * nothing was made current on top of it since.
   */
  public static void closeScopeOfAnsweredRequestOnThisThread() {
    ServerCall leftover = SCOPE_OPEN_ON_THIS_THREAD.get();
    if (leftover != null && leftover.ended != 0) {
      closeIfCurrent(leftover);
    }
  }

  private boolean answeredAndLeftBehindOnThisThread() {
    return ended != 0 && Thread.currentThread() == requestThread;
  }

  /** {@code current} with only the span and baggage made current on top of this request's. */
  private Context withoutThisRequest(Context current) {
    Context clean = Context.root();
    Span span = Span.fromContextOrNull(current);
    if (span != null && span != Span.fromContextOrNull(attached)) {
      clean = clean.with(span);
    }
    Baggage baggage = Baggage.fromContextOrNull(current);
    if (baggage != null && baggage != Baggage.fromContextOrNull(attached)) {
      clean = clean.with(baggage);
    }
    return clean;
  }

  /**
   * The route of the resource method that matched ({@code /shop/api/orders/{id}}) and the span name
   * it gives; null if the request has no span or matched no resource.
   */
  public RouteTemplate.Route route(ResourceInfo resourceInfo) {
    if (span == null || resourceInfo == null) {
      return null;
    }
    Method method;
    Class<?> resourceClass;
    try {
      method = resourceInfo.getResourceMethod();
      resourceClass = resourceInfo.getResourceClass();
    } catch (RuntimeException e) {
      return null; // no resource matched
    }
    return method == null || resourceClass == null
        ? null
        : routes.route(baseRawPath, request.request.getMethod(), resourceClass, method);
  }

  /**
   * Ends the SERVER span once, if there is one; later calls do nothing.
   *
   * @param route the route of the resource method that matched, or null if none matched or it is
   *     not known
   */
  public void end(RouteTemplate.Route route, int status, Throwable error) {
    if (ENDED.compareAndSet(this, 0, 1)) {
      ClientCall.endAbandonedOnThisThread();
      if (span != null) {
        ServerSpans.end(span, route, status, error);
      }
    }
  }

  /**
   * Closes the request's scope, only on the thread that opened it: closing a thread-local scope on
   * another thread (an async response) would corrupt that thread's context instead.
   */
  public void closeScopeOnRequestThread() {
    if (scope != null && Thread.currentThread() == requestThread) {
      scope.close();
      scope = null;
      if (SCOPE_OPEN_ON_THIS_THREAD.get() == this) {
        SCOPE_OPEN_ON_THIS_THREAD.set(null);
      }
    }
  }
}
