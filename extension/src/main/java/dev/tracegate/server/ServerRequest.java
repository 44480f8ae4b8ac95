package dev.tracegate.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * An incoming request as the server instrumenter sees it: the JAX-RS view plus the peer's address,
 * which JAX-RS has no API for. The address comes from the implementation's request object where it
 * offers one publicly (RESTEasy, as in Open Liberty: {@code getHttpRequest().getRemoteAddress()}); the
 * servlet API is not used, because a server may run JAX-RS without exposing it to applications.
 */
public final class ServerRequest {
  private static final ClassValue<Optional<Method[]>> PEER_ADDRESS_ACCESSORS = new ClassValue<>() {
    @Override
    protected Optional<Method[]> computeValue(Class<?> requestContextClass) {
      try {
        Method httpRequest = requestContextClass.getMethod("getHttpRequest");
        Method remoteAddress = httpRequest.getReturnType().getMethod("getRemoteAddress");
        return Optional.of(new Method[] {httpRequest, remoteAddress});
      } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
        return Optional.empty();
      }
    }
  };

  private static final ClassValue<Optional<Method>> CONTEXT_PATH_ACCESSOR = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> uriInfoClass) {
      try {
        return Optional.of(uriInfoClass.getMethod("getContextPath"));
      } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
        return Optional.empty();
      }
    }
  };

  final ContainerRequestContext request;
  final String peerAddress;

  ServerRequest(ContainerRequestContext request) {
    this.request = request;
    this.peerAddress = peerAddress(request);
  }

  private static String peerAddress(ContainerRequestContext request) {
    Optional<Method[]> accessors = PEER_ADDRESS_ACCESSORS.get(request.getClass());
    if (accessors.isEmpty()) {
      return null;
    }
    try {
      Object httpRequest = accessors.get()[0].invoke(request);
      return httpRequest == null ? null : (String) accessors.get()[1].invoke(httpRequest);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // best effort: the span simply has no peer address
    }
  }

  /**
   * The request path after the context root ({@code /api/items/42} of {@code /shop/api/items/42}). The
   * context root comes from the implementation's UriInfo where it offers it publicly (RESTEasy's
   * {@code getContextPath()}); otherwise the path is taken after the JAX-RS application's base.
   */
  String pathAfterContextRoot() {
    UriInfo uriInfo = request.getUriInfo();
    String path = uriInfo.getRequestUri().getRawPath();
    String root = contextPath(uriInfo);
    if (root == null || !path.startsWith(root)) {
      root = uriInfo.getBaseUri().getRawPath();
    }
    if (path.startsWith(root)) {
      path = path.substring(root.endsWith("/") ? root.length() - 1 : root.length());
    }
    return path.startsWith("/") ? path : "/" + path;
  }

  private static String contextPath(UriInfo uriInfo) {
    Optional<Method> accessor = CONTEXT_PATH_ACCESSOR.get(uriInfo.getClass());
    try {
      return accessor.isPresent() && accessor.get().invoke(uriInfo) instanceof String root ? root : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
