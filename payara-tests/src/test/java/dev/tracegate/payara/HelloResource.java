package dev.tracegate.payara;

import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

/** A JAX-RS application with no tracing code: it answers the trace id it runs in. */
@Path("/hello")
public class HelloResource {
  @GET
  public String hello() {
    return Span.current().getSpanContext().getTraceId();
  }

  /** The application's root, {@code /api}. */
  @ApplicationPath("/api")
  public static class Api extends Application {}
}
