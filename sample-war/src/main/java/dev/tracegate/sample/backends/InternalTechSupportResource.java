package dev.tracegate.sample.backends;

import dev.tracegate.sample.model.Ticket;
import dev.tracegate.sample.model.TicketRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;

/** Internal Tech Support: opens tickets in the technicians' queue. */
@Path("/tickets")
@RequestScoped
public class InternalTechSupportResource {
  private static final AtomicInteger NEXT_TICKET = new AtomicInteger(4711);

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response open(TicketRequest request) {
    Ticket ticket =
        new Ticket(
            "TS-" + NEXT_TICKET.getAndIncrement(),
            "OPEN",
            request.priority(),
            "payments-app",
            request.summary());
    return Response.status(Response.Status.CREATED).entity(ticket).build();
  }
}
