package dev.tracegate.server;

import jakarta.ws.rs.container.ContainerRequestContext;
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
}
