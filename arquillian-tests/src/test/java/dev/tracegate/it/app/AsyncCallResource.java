package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * An upstream service that works asynchronously end to end: it calls the URL of the request body
 * with MicroProfile Rest Client's async API and answers with the call's {@code CompletionStage}, so
 * the response is written from whichever thread completes the call.
 */
@Path("/call-async")
public class AsyncCallResource {

  /** The downstream service. */
  public interface Downstream extends AutoCloseable {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    CompletionStage<String> get();
  }

  @POST
  @Produces(MediaType.TEXT_PLAIN)
  public CompletionStage<String> call(String url) {
    Downstream downstream =
        RestClientBuilder.newBuilder()
            .baseUri(URI.create(url.strip()))
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .build(Downstream.class);
    return downstream
        .get()
        .whenComplete((body, failure) -> close(downstream))
        .thenApply(body -> "status=200\n" + body + "---\n");
  }

  private static void close(Downstream downstream) {
    try {
      downstream.close();
    } catch (Exception e) {
      // the answer is already on its way; a client that fails to close changes nothing for it
    }
  }
}
