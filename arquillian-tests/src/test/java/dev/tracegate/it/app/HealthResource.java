package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;

/**
 * A health endpoint, the kind of path excluded from tracing, which may itself call a dependency.
 */
@Path("/health")
@Produces(MediaType.TEXT_PLAIN)
public class HealthResource {

  @GET
  public String health() {
    return "UP";
  }

  /** Checks a dependency by calling {@code to}, answering with what it answered. */
  @GET
  @Path("/dependency")
  public String dependency(@QueryParam("to") String to) {
    Client client = ClientBuilder.newClient();
    try {
      return client.target(to).request().get(String.class);
    } finally {
      client.close();
    }
  }
}
