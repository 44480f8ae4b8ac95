package dev.tracegate.internal.jaxrs;

import dev.tracegate.internal.server.ServerCall;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptorFactory;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Carries the caller's context (its current span and baggage) into asynchronous MicroProfile Rest
 * Client calls, which run the client filters on another thread: the context is captured on the
 * calling thread and made current on the thread that sends the call, then closed on that same
 * thread.
 *
 * <p>Listed in {@code
 * META-INF/services/org.eclipse.microprofile.rest.client.spi.RestClientListener}; it adds itself to
 * every Rest Client being built. Only loaded where the server has MP Rest Client.
 */
public final class RestClientContext
    implements RestClientListener, AsyncInvocationInterceptorFactory {
  @Override
  public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
    builder.register(this);
  }

  @Override
  public AsyncInvocationInterceptor newInterceptor() {
    return new CallerContext();
  }

  /**
   * One asynchronous call: the caller's context, current on the sending thread while the call runs.
   */
  private static final class CallerContext implements AsyncInvocationInterceptor {
    private Context caller;
    private Scope scope;

    @Override
    public void prepareContext() {
      caller = ServerCall.currentContext();
    }

    @Override
    @SuppressWarnings(
        "MustBeClosedChecker") // closed by removeContext, the interceptor's other half
    public void applyContext() {
      if (caller != null) {
        scope = caller.makeCurrent();
      }
    }

    @Override
    public void removeContext() {
      if (scope != null) {
        scope.close();
        scope = null;
      }
    }
  }
}
