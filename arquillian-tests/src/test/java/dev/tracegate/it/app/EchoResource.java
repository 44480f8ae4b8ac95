package dev.tracegate.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A downstream service that reports the propagation headers it received. */
@Path("/echo")
@Produces(MediaType.TEXT_PLAIN)
public class EchoResource {

  /**
   * One line per header: {@code traceparent=...}, {@code tracestate=...}, {@code baggage=...};
   * "null" when absent.
   */
  @GET
  public String headers(@jakarta.ws.rs.core.Context HttpHeaders headers) {
    return "traceparent="
        + joined(headers.getRequestHeader("traceparent"))
        + "\n"
        + "tracestate="
        + joined(headers.getRequestHeader("tracestate"))
        + "\n"
        + "baggage="
        + joined(headers.getRequestHeader("baggage"))
        + "\n";
  }

  /** The AWS X-Ray header it received ({@code otel.propagators=xray}); "null" when absent. */
  @GET
  @Path("/xray")
  public String xrayHeader(@jakarta.ws.rs.core.Context HttpHeaders headers) {
    return "x-amzn-trace-id=" + joined(headers.getRequestHeader("X-Amzn-Trace-Id")) + "\n";
  }

  /**
   * Reports its own headers, then relays the call to {@code to} and appends what that one reports.
   */
  @GET
  @Path("/relay")
  public String relay(
      @jakarta.ws.rs.core.Context HttpHeaders headers, @QueryParam("to") String to) {
    Client client = ClientBuilder.newClient();
    try {
      return headers(headers) + client.target(to).request().get(String.class);
    } finally {
      client.close();
    }
  }

  private static String joined(List<String> values) {
    return values == null || values.isEmpty() ? "null" : String.join(",", values);
  }
}
