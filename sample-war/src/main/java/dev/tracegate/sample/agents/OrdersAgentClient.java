package dev.tracegate.sample.agents;

import dev.tracegate.sample.model.OrderReply;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Orders agent, as the Main agent forwards to it. */
@RegisterRestClient(configKey = "orders-agent")
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public interface OrdersAgentClient {
  @POST
  @Path("/{orderId}/review")
  OrderReply review(
      @PathParam("orderId") String orderId, @QueryParam("customerId") String customerId);
}
