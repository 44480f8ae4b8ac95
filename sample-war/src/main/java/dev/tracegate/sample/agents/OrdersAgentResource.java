package dev.tracegate.sample.agents;

import dev.tracegate.genai.InvokeAgent;
import dev.tracegate.sample.model.OrderReply;
import dev.tracegate.sample.model.Stock;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Agent 3: reviews an order and checks with Inventory Management whether it can be replaced. */
@Path("/orders")
@RequestScoped
public class OrdersAgentResource {
  /** The sample's order book: which product each order is for. */
  private static final Map<String, String> PRODUCT_OF_ORDER =
      Map.of(
          "A-1001", "ROUTER-AX3000",
          "A-1002", "MESH-KIT-2");

  @Inject InventoryManagement inventory;

  @POST
  @Path("/{orderId}/review")
  @Produces(MediaType.APPLICATION_JSON)
  @InvokeAgent(
      name = "Orders",
      id = "orders-agent",
      description = "Reviews orders and checks stock with Inventory Management")
  public OrderReply review(
      @PathParam("orderId") String orderId, @QueryParam("customerId") String customerId) {
    String sku = PRODUCT_OF_ORDER.getOrDefault(orderId, "UNKNOWN");
    Stock stock = inventory.stockOf(sku);
    String note =
        stock.available() > 0
            ? "Order "
                + orderId
                + " is confirmed; "
                + sku
                + " is in stock at "
                + stock.warehouse()
                + "."
            : "Order "
                + orderId
                + " is confirmed; "
                + sku
                + " ships after the delivery of "
                + stock.nextDelivery()
                + ".";
    return new OrderReply(orderId, sku, "CONFIRMED", stock, note);
  }
}
