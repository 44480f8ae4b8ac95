package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The server's used heap after a full GC, in bytes: what a soak test compares before and after
 * load.
 */
@Path("/heap")
public class HeapResource {
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String usedAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    // Several collections: one System.gc() may leave garbage behind (soft references, finalizers).
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return Long.toString(used);
  }
}
