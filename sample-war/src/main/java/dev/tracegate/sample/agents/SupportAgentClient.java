package dev.tracegate.sample.agents;

import dev.tracegate.sample.model.SupportReply;
import dev.tracegate.sample.model.SupportRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Support agent, as the Main agent forwards to it. */
@RegisterRestClient(configKey = "support-agent")
@Path("/assist")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SupportAgentClient {
  @POST
  SupportReply assist(SupportRequest request);
}
