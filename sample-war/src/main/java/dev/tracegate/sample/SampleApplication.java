package dev.tracegate.sample;

import dev.tracegate.sample.agents.MainAgentResource;
import dev.tracegate.sample.agents.OrdersAgentResource;
import dev.tracegate.sample.agents.SupportAgentResource;
import dev.tracegate.sample.backends.ExternalPaymentServiceResource;
import dev.tracegate.sample.backends.InternalTechSupportResource;
import dev.tracegate.sample.backends.InventoryManagementResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The sample's JAX-RS application. The one WAR is deployed once per service (see
 * server-config/server.xml); each deployment serves only the resource of the service named by its
 * {@value #SERVICE_KEY} property, so each service is its own application with its own {@code
 * service.name}.
 */
@ApplicationPath("/")
public class SampleApplication extends Application {
  static final String SERVICE_KEY = "sample.service";

  private static final Map<String, Class<?>> RESOURCE_OF_SERVICE =
      Map.of(
          "main-agent", MainAgentResource.class,
          "support-agent", SupportAgentResource.class,
          "orders-agent", OrdersAgentResource.class,
          "external-payment-service", ExternalPaymentServiceResource.class,
          "internal-tech-support", InternalTechSupportResource.class,
          "inventory-management", InventoryManagementResource.class);

  @Override
  public Set<Class<?>> getClasses() {
    String service =
        ConfigProvider.getConfig().getOptionalValue(SERVICE_KEY, String.class).orElse("");
    Class<?> resource = RESOURCE_OF_SERVICE.get(service);
    if (resource == null) {
      throw new IllegalStateException(
          SERVICE_KEY
              + "=\""
              + service
              + "\" names no service of the sample; set it per "
              + "application (server.xml <appProperties>) to one of "
              + RESOURCE_OF_SERVICE.keySet());
    }
    return Set.of(resource);
  }
}
