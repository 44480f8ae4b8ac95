package dev.tracegate.it.app;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeUnit;

/**
 * An upstream service: calls each URL of the request body (one per line) in order with the JAX-RS
 * Client, and answers once all calls finished, with each call's status and body.
 */
@Path("/call")
public class CallResource {

  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public String call(String urls) {
    StringBuilder results = new StringBuilder();
    Client client =
        ClientBuilder.newBuilder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .build();
    try {
      for (String url : urls.strip().split("\\s+")) {
        try (Response response = client.target(url).request().get()) {
          results
              .append("status=")
              .append(response.getStatus())
              .append('\n')
              .append(response.readEntity(String.class));
        } catch (ProcessingException e) {
          results.append("failed=").append(e.getClass().getName()).append('\n');
        }
        results.append("---\n");
      }
    } finally {
      client.close();
    }
    return results.toString();
  }
}
