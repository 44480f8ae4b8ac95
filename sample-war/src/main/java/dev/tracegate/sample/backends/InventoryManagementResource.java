package dev.tracegate.sample.backends;

import dev.tracegate.sample.model.Stock;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Map;

/** Inventory Management: stock levels per product. */
@Path("/stock")
@RequestScoped
public class InventoryManagementResource {
  private static final Map<String, Integer> STOCK = Map.of("ROUTER-AX3000", 42, "MESH-KIT-2", 0);

  @GET
  @Path("/{sku}")
  @Produces(MediaType.APPLICATION_JSON)
  public Stock stock(@PathParam("sku") String sku) {
    return new Stock(
        sku, STOCK.getOrDefault(sku, 0), "Rotterdam DC-2", LocalDate.now().plusDays(5));
  }
}
