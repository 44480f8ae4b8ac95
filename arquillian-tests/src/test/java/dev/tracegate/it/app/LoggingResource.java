package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;

/** Writes one log line with plain java.util.logging, as application code does; no tracing code. */
@Path("/log")
public class LoggingResource {
  private static final Logger LOG = Logger.getLogger(LoggingResource.class.getName());

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String log(@QueryParam("message") String message) {
    LOG.info(message);
    return "logged";
  }

  /** Logs from a thread the application starts itself during the request. */
  @GET
  @Path("/thread")
  @Produces(MediaType.TEXT_PLAIN)
  public String logFromOwnThread(@QueryParam("message") String message)
      throws InterruptedException {
    Thread thread = new Thread(() -> LOG.info(message), "application-thread");
    thread.start();
    thread.join();
    return "logged";
  }
}
