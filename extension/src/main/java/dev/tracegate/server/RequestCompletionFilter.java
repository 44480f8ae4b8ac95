package dev.tracegate.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The safety net under the JAX-RS filters. An exception no {@code ExceptionMapper} handles skips the
 * JAX-RS response filters, which would leave the SERVER span open and its scope on a pooled thread.
 * This servlet filter runs around the whole request on the request thread: it records the exception,
 * ends the span, and always closes the scope on the thread that opened it.
 */
public final class RequestCompletionFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Throwable failure = null;
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      if (request.getAttribute(ServerCall.PROPERTY) instanceof ServerCall call) {
        if (failure != null) {
          call.end(500, rootCause(failure));
        } else if (!request.isAsyncStarted() && !call.ended()) {
          call.end(response instanceof HttpServletResponse http ? http.getStatus() : null, null);
        }
        call.closeScopeOnRequestThread();
      }
    }
  }

  /** The application's exception, not the servlet or JAX-RS wrappers around it. */
  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ServletException || cause.getClass().getName().endsWith("UnhandledException"))
        && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
