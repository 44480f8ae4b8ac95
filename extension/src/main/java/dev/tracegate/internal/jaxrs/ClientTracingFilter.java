package dev.tracegate.internal.jaxrs;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.cdi.CurrentApplication;
import dev.tracegate.internal.client.ClientCall;
import dev.tracegate.internal.client.ClientRequestAttributes;
import dev.tracegate.internal.server.ServerCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/**
 * Records a CLIENT span for each JAX-RS Client (and MicroProfile Rest Client) call, child of the
 * current span, and sends that span's {@code traceparent} and {@code tracestate} with the call.
 *
 * <p>Registered through {@code META-INF/services/jakarta.ws.rs.ext.Providers}. Its priority puts it
 * after the application's own request filters, so the headers it writes are the final ones.
 */
@Priority(ClientTracingFilter.PRIORITY)
public final class ClientTracingFilter implements ClientRequestFilter, ClientResponseFilter {
  static final int PRIORITY = 9000;

  @Override
  public void filter(ClientRequestContext request) {
    Context parent = ServerCall.currentContext();
    ApplicationTracing tracing = CurrentApplication.tracing(parent);
    if (!tracing.enabled()) {
      return;
    }
    ClientCall.endAbandonedOnThisThread();
    if (tracing.unsampled().dropsChildOf(Span.fromContext(parent).getSpanContext())) {
      // The CLIENT span would not be sampled: the callee only needs its traceparent.
      tracing.inject(
          tracing.unsampled().unsampledChild(parent), request, ClientRequestAttributes.HEADERS);
      return;
    }
    Span span = tracing.clientSpans().start(parent, request);
    tracing.inject(parent.with(span), request, ClientRequestAttributes.HEADERS);
    ClientCall call = new ClientCall(span);
    request.setProperty(ClientCall.PROPERTY, call);
    call.awaitResponse();
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    if (request.getProperty(ClientCall.PROPERTY) instanceof ClientCall call) {
      call.end(response.getStatus());
    }
  }
}
