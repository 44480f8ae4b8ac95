package dev.tracegate.bench.load;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * The endpoint under load: one downstream call through the plain JAX-RS Client to the same server,
 * the shape of a service calling another (what every tracer compared here instruments).
 */
@Path("/front")
@ApplicationScoped
public class FrontResource {
  private final Client client = ClientBuilder.newClient();

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String front(@Context UriInfo uriInfo) {
    String back =
        client
            .target(uriInfo.getBaseUri())
            .path("back")
            .request(MediaType.TEXT_PLAIN)
            .get(String.class);
    return "front+" + back;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
