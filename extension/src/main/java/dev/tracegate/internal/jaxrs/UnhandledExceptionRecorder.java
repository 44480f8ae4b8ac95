package dev.tracegate.internal.jaxrs;

import dev.tracegate.internal.server.ServerCall;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Records an exception that no application {@code ExceptionMapper} handles, then lets it go on to
 * the server exactly as it would without Tracegate. Such an exception skips the JAX-RS response
 * filters, so without this the SERVER span would never end and its scope would stay on a pooled
 * thread.
 *
 * <p>It is the least specific mapper ({@code Throwable}) at the lowest priority: every mapper of
 * the application wins over it. A {@link WebApplicationException} keeps its own response, as JAX-RS
 * specifies for unmapped ones.
 */
@Priority(Integer.MAX_VALUE)
public final class UnhandledExceptionRecorder implements ExceptionMapper<Throwable> {
  // Exception mappers run after matching: the span gets the route of the method that threw.
  @Context private ResourceInfo resourceInfo;

  @Override
  public Response toResponse(Throwable exception) {
    if (exception instanceof WebApplicationException unmapped) {
      return unmapped.getResponse();
    }
    // Exception mappers run on the request thread, inside the request's scope.
    ServerCall call = ServerCall.current();
    if (call != null) {
      call.end(
          call.route(resourceInfo),
          Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(),
          exception);
      call.closeScopeOnRequestThread();
    }
    throw UnhandledExceptionRecorder.<RuntimeException>rethrow(exception);
  }

  /** Rethrows the application's own exception, checked or not, unwrapped. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable exception) throws T {
    throw (T) exception;
  }
}
