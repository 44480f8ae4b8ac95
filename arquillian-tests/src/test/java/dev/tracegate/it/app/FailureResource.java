package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Failures an application produces: an error status it chooses, and an exception nobody maps. */
@Path("/fail")
public class FailureResource {
  @GET
  @Path("/status/{code}")
  public Response status(@PathParam("code") int code) {
    return Response.status(code).entity("status " + code).build();
  }

  @GET
  @Path("/unhandled")
  public String unhandled() {
    throw new IllegalStateException("boom: nothing maps this exception");
  }
}
