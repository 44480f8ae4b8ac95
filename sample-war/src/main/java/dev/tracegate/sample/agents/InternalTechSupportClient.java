package dev.tracegate.sample.agents;

import dev.tracegate.sample.model.Ticket;
import dev.tracegate.sample.model.TicketRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Internal Tech Support's ticket queue, as the Support agent calls it. */
@RegisterRestClient(configKey = "internal-tech-support")
@Path("/tickets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface InternalTechSupportClient {
  @POST
  Ticket open(TicketRequest request);
}
