package dev.tracegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {
  @Path("/orders/")
  static class Orders {
    @GET
    @Path("{id: [0-9]+}/lines/{line}")
    public String line() {
      return "";
    }

    @GET
    public String all() {
      return "";
    }
  }

  @Path("/")
  static class Root {
    @GET
    public String root() {
      return "";
    }
  }

  private final RouteTemplate routes = new RouteTemplate();

  @Test
  void joinsClassAndMethodPathsWithoutRegularExpressions() throws Exception {
    assertEquals("/orders/{id}/lines/{line}", RouteTemplate.template(Orders.class, Orders.class.getMethod("line")));
  }

  @Test
  void methodWithoutPathUsesClassPath() throws Exception {
    assertEquals("/orders", RouteTemplate.template(Orders.class, Orders.class.getMethod("all")));
  }

  @Test
  void routeStartsWithContextRootAndApplicationPath() throws Exception {
    assertEquals("/shop/api/orders", RouteTemplate.route("/shop/api/", RouteTemplate.template(Orders.class, Orders.class.getMethod("all"))));
    assertEquals("/", RouteTemplate.route("/", RouteTemplate.template(Root.class, Root.class.getMethod("root"))));
    assertEquals("/shop/api/orders", routes.route("/shop/api/", Orders.class, Orders.class.getMethod("all")));
    assertEquals("/orders", routes.route("/", Orders.class, Orders.class.getMethod("all")), "another base path, another route");
  }
}
