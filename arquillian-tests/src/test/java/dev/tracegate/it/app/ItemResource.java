package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A resource with a path parameter (and a regular expression on it), for route templates. */
@Path("/items")
public class ItemResource {
  @GET
  @Path("/{id: [0-9]+}")
  @Produces(MediaType.TEXT_PLAIN)
  public String item(@PathParam("id") long id) {
    return "item " + id;
  }
}
