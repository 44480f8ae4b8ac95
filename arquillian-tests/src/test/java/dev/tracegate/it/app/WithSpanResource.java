package dev.tracegate.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Calls {@link WithSpanBean}'s annotated methods inside a traced request. */
@RequestScoped
@Path("/with-span")
@Produces(MediaType.TEXT_PLAIN)
public class WithSpanResource {
  @Inject WithSpanBean bean;

  @GET
  @Path("/lookup")
  public String lookup(@QueryParam("item") String item) {
    return bean.lookup(item, 1);
  }

  @GET
  @Path("/quote")
  public String quote() {
    return bean.quote();
  }

  @GET
  @Path("/later")
  public String later() {
    return bean.later().toCompletableFuture().join();
  }

  @GET
  @Path("/detached")
  public String detached(@QueryParam("id") String requestId) {
    return bean.detached(requestId);
  }

  @GET
  @Path("/fail")
  public String fail() {
    try {
      bean.fail();
      return "no exception";
    } catch (IllegalStateException expected) {
      return "caught " + expected.getMessage();
    }
  }
}
