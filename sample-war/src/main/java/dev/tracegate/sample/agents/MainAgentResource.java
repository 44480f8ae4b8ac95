package dev.tracegate.sample.agents;

import dev.tracegate.genai.InvokeAgent;
import dev.tracegate.sample.Outage;
import dev.tracegate.sample.model.ChatAnswer;
import dev.tracegate.sample.model.CustomerRequest;
import dev.tracegate.sample.model.OrderReply;
import dev.tracegate.sample.model.PaymentCheck;
import dev.tracegate.sample.model.PaymentStatus;
import dev.tracegate.sample.model.SupportReply;
import dev.tracegate.sample.model.SupportRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Agent 1, the customer-facing chatbot: classifies the customer's message, verifies the payment
 * with the External Payment Service, and hands the technical and order questions to the Support and
 * Orders agents. A failing specialist never fails the conversation: the customer still gets an
 * answer.
 */
@Path("/chat")
@RequestScoped
public class MainAgentResource {

  @Inject @RestClient ExternalPaymentServiceClient payments;
  @Inject @RestClient SupportAgentClient supportAgent;
  @Inject @RestClient OrdersAgentClient ordersAgent;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @InvokeAgent(
      name = "Main",
      id = "main-agent",
      description =
          "Customer-facing support chatbot: classifies requests and routes them to specialist agents")
  public ChatAnswer chat(CustomerRequest request, @HeaderParam(Outage.HEADER) String outage) {
    RequestCategory category = RequestCategory.of(request.message());
    if (category != RequestCategory.BILLING) {
      return new ChatAnswer(
          category.label(),
          "Thanks! A human colleague will reply within one business day.",
          null,
          null,
          null);
    }

    PaymentStatus payment = verifyPayment(request, outage);
    SupportReply support =
        RequestCategory.TECHNICAL.mentionedIn(request.message())
            ? supportAgent.assist(
                new SupportRequest(request.customerId(), request.orderId(), request.message()))
            : null;
    OrderReply order =
        request.orderId() == null
            ? null
            : ordersAgent.review(request.orderId(), request.customerId());
    return new ChatAnswer(
        category.label(), reply(payment, support, order), payment, support, order);
  }

  private PaymentStatus verifyPayment(CustomerRequest request, String outage) {
    try {
      return payments.verify(new PaymentCheck(request.customerId(), request.orderId()), outage);
    } catch (WebApplicationException | ProcessingException e) {
      return PaymentStatus.unavailable(
          "The payment service could not be reached: " + e.getMessage());
    }
  }

  private static String reply(PaymentStatus payment, SupportReply support, OrderReply order) {
    StringBuilder reply = new StringBuilder();
    if ("UNAVAILABLE".equals(payment.status())) {
      reply.append(
          "I could not check your payment right now; I have noted it and will follow up by e-mail. ");
    } else if ("DUPLICATE_CHARGE".equals(payment.status())) {
      reply
          .append("You were charged twice; the duplicate charge of ")
          .append(payment.amount())
          .append(' ')
          .append(payment.currency())
          .append(" will be refunded within 3-5 days. ");
    } else {
      reply.append("Your payment is ").append(payment.status().toLowerCase()).append(". ");
    }
    if (support != null) {
      reply
          .append(support.advice())
          .append(" (ticket ")
          .append(support.ticket().ticketId())
          .append("). ");
    }
    if (order != null) {
      reply.append(order.note());
    }
    return reply.toString().trim();
  }
}
