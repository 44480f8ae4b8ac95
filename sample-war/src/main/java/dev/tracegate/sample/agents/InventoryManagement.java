package dev.tracegate.sample.agents;

import dev.tracegate.sample.model.Stock;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Inventory Management, as the Orders agent calls it: through the plain JAX-RS Client, to show that
 * both client APIs are traced alike.
 */
@ApplicationScoped
public class InventoryManagement {
  private final Client client = ClientBuilder.newClient();

  @Inject
  @ConfigProperty(name = "sample.inventory-management.url")
  String baseUrl;

  public Stock stockOf(String sku) {
    return client
        .target(baseUrl)
        .path("stock")
        .path(sku)
        .request(MediaType.APPLICATION_JSON)
        .get(Stock.class);
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
