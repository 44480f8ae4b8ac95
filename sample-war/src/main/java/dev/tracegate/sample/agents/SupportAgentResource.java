package dev.tracegate.sample.agents;

import dev.tracegate.genai.InvokeAgent;
import dev.tracegate.sample.model.SupportReply;
import dev.tracegate.sample.model.SupportRequest;
import dev.tracegate.sample.model.Ticket;
import dev.tracegate.sample.model.TicketRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Agent 2: diagnoses a technical problem and opens a ticket with Internal Tech Support. */
@Path("/assist")
@RequestScoped
public class SupportAgentResource {

  @Inject @RestClient InternalTechSupportClient techSupport;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @InvokeAgent(
      name = "Support",
      id = "support-agent",
      description = "Diagnoses technical problems and opens tickets with Internal Tech Support")
  public SupportReply assist(SupportRequest request) {
    String summary = "Customer " + request.customerId() + " reports: " + request.issue();
    Ticket ticket = techSupport.open(new TicketRequest(request.customerId(), summary, "HIGH"));
    return new SupportReply(
        "Our technicians are looking into the error you saw in the app", ticket);
  }
}
