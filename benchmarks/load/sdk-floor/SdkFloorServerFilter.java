package dev.tracegate.bench.sdkfloor;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration s of the load benchmark: the SERVER span a filter pair on the bare SDK has to make,
 * with the attributes Tracegate's server filter records, registered exactly as Tracegate's (pre-
 * matching, request and response, from the Providers service file of a jar in lib/global). What it
 * leaves out is what Tracegate adds beyond these spans: its W3C rules, the incoming policy, log
 * correlation, excluded paths, query redaction, the unsampled shortcut.
 */
@PreMatching
@Priority(100)
public final class SdkFloorServerFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String SPAN = SdkFloorServerFilter.class.getName() + ".span";
  private static final String SCOPE = SdkFloorServerFilter.class.getName() + ".scope";
  private static final TextMapGetter<ContainerRequestContext> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext request) {
          return request.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext request, String key) {
          return request == null ? null : request.getHeaderString(key);
        }
      };

  /**
   * RESTEasy's {@code getHttpRequest().getRemoteAddress()}, looked up once per request class, as
   * Tracegate reads it on Liberty (whose lib/global does not see the servlet API).
   */
  private static final ClassValue<MethodHandle> PEER_ADDRESS =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          try {
            Method httpRequest = type.getMethod("getHttpRequest");
            Method remoteAddress = httpRequest.getReturnType().getMethod("getRemoteAddress");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return MethodHandles.filterReturnValue(
                    lookup.unreflect(httpRequest), lookup.unreflect(remoteAddress))
                .asType(MethodType.methodType(String.class, Object.class));
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("not RESTEasy: " + type, e);
          }
        }
      };

  /** Each resource method's route, {@code /load/api/front}. */
  private final Map<Method, String> routes = new ConcurrentHashMap<>();

  @jakarta.ws.rs.core.Context private ResourceInfo resourceInfo;

  @Override
  public void filter(ContainerRequestContext request) {
    Context parent = FloorSdk.PROPAGATOR.extract(Context.root(), request, HEADERS);
    URI uri = request.getUriInfo().getRequestUri();
    String peer = peerAddress(request);
    var span =
        FloorSdk.TRACER
            .spanBuilder(request.getMethod())
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, request.getMethod())
            .setAttribute(UrlAttributes.URL_SCHEME, uri.getScheme())
            .setAttribute(UrlAttributes.URL_PATH, uri.getRawPath())
            .setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost())
            .setAttribute(ServerAttributes.SERVER_PORT, (long) uri.getPort())
            .setAttribute(ClientAttributes.CLIENT_ADDRESS, peer)
            .setAttribute(NetworkAttributes.NETWORK_PEER_ADDRESS, peer);
    if (uri.getRawQuery() != null) {
      span.setAttribute(UrlAttributes.URL_QUERY, uri.getRawQuery());
    }
    String userAgent = request.getHeaderString("user-agent");
    if (userAgent != null) {
      span.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, userAgent);
    }
    Span started = span.startSpan();
    request.setProperty(SPAN, started);
    request.setProperty(SCOPE, parent.with(started).makeCurrent());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Span span = (Span) request.getProperty(SPAN);
    if (span == null) {
      return;
    }
    Method method = resourceInfo.getResourceMethod();
    if (method != null) {
      String route =
          routes.computeIfAbsent(
              method, m -> route(request, resourceInfo.getResourceClass(), m));
      span.updateName(request.getMethod() + " " + route);
      span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
    }
    span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.getStatus());
    ((Scope) request.getProperty(SCOPE)).close();
    span.end();
  }

  private static String peerAddress(ContainerRequestContext request) {
    try {
      return (String) PEER_ADDRESS.get(request.getClass()).invokeExact((Object) request);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static String route(ContainerRequestContext request, Class<?> resource, Method method) {
    StringBuilder route = new StringBuilder(request.getUriInfo().getBaseUri().getRawPath());
    for (Path path : new Path[] {resource.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
      if (path != null) {
        if (route.length() > 0 && route.charAt(route.length() - 1) != '/') {
          route.append('/');
        }
        route.append(path.value().startsWith("/") ? path.value().substring(1) : path.value());
      }
    }
    return route.toString();
  }
}
