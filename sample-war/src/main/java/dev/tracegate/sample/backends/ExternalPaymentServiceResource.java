package dev.tracegate.sample.backends;

import dev.tracegate.sample.Outage;
import dev.tracegate.sample.model.PaymentCheck;
import dev.tracegate.sample.model.PaymentStatus;
import dev.tracegate.sample.model.ServiceError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;

/** The External Payment Service: verifies an order's charges. */
@Path("/payments")
@RequestScoped
public class ExternalPaymentServiceResource {
  static final String SERVICE = "external-payment-service";

  @POST
  @Path("/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public PaymentStatus verify(PaymentCheck check, @HeaderParam(Outage.HEADER) String outage) {
    if (Outage.of(SERVICE, outage)) {
      throw new WebApplicationException(
          Response.status(Response.Status.SERVICE_UNAVAILABLE)
              .type(MediaType.APPLICATION_JSON)
              .entity(new ServiceError(SERVICE, "payment gateway unavailable, retry later"))
              .build());
    }
    return new PaymentStatus(
        "txn-" + Integer.toHexString((check.customerId() + check.orderId()).hashCode()),
        "DUPLICATE_CHARGE",
        new BigDecimal("49.90"),
        "EUR",
        "Two captures of the same authorization for order " + check.orderId());
  }
}
