package dev.tracegate.bench.load;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The downstream service {@link FrontResource} calls. */
@Path("/back")
public class BackResource {
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String back() {
    return "back";
  }
}
