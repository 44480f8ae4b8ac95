package dev.tracegate.it.app;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An application coded against the OpenTelemetry API, as MicroProfile Telemetry applications are:
 * it records its own span with the injected {@code Tracer} and answers the trace it sees and which
 * jar its {@code OpenTelemetry} class came from.
 */
@RequestScoped
@Path("/api-user")
@Produces(MediaType.TEXT_PLAIN)
public class ApiUserResource {
  @Inject Tracer tracer;

  @GET
  public String work() {
    Span span = tracer.spanBuilder("application work").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return "trace="
          + Span.current().getSpanContext().getTraceId()
          + "\napi-from="
          + OpenTelemetry.class.getProtectionDomain().getCodeSource().getLocation();
    } finally {
      span.end();
    }
  }
}
