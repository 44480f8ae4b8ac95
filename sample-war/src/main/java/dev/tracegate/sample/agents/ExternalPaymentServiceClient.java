package dev.tracegate.sample.agents;

import dev.tracegate.sample.Outage;
import dev.tracegate.sample.model.PaymentCheck;
import dev.tracegate.sample.model.PaymentStatus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The External Payment Service, as the Main agent calls it. */
@RegisterRestClient(configKey = "external-payment-service")
@Path("/payments")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ExternalPaymentServiceClient {
  @POST
  @Path("/verify")
  PaymentStatus verify(PaymentCheck check, @HeaderParam(Outage.HEADER) String outage);
}
