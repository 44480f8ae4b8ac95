package dev.tracegate.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
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
    assertEquals(
        "/orders/{id}/lines/{line}",
        RouteTemplate.template(Orders.class, Orders.class.getMethod("line")));
  }

  @Test
  void methodWithoutPathUsesClassPath() throws Exception {
    assertEquals("/orders", RouteTemplate.template(Orders.class, Orders.class.getMethod("all")));
  }

  @Test
  void routeStartsWithContextRootAndApplicationPath() throws Exception {
    assertEquals(
        "/shop/api/orders",
        RouteTemplate.route(
            "/shop/api/", RouteTemplate.template(Orders.class, Orders.class.getMethod("all"))));
    assertEquals(
        "/",
        RouteTemplate.route("/", RouteTemplate.template(Root.class, Root.class.getMethod("root"))));
    assertEquals(
        "/shop/api/orders",
        routes.route("/shop/api/", "GET", Orders.class, Orders.class.getMethod("all")).path());
    assertEquals(
        "/orders",
        routes.route("/", "GET", Orders.class, Orders.class.getMethod("all")).path(),
        "another base path, another route");
  }

  @Test
  void spanNameIsTheRequestMethodAndTheRoute() throws Exception {
    Method line = Orders.class.getMethod("line");
    RouteTemplate.Route get = routes.route("/shop/api/", "GET", Orders.class, line);
    assertEquals("GET /shop/api/orders/{id}/lines/{line}", get.spanName());
    assertSame(
        get, routes.route("/shop/api/", "GET", Orders.class, line), "kept for the next request");
    assertEquals(
        "HEAD /shop/api/orders/{id}/lines/{line}",
        routes.route("/shop/api/", "HEAD", Orders.class, line).spanName(),
        "a HEAD served by the GET method");
    assertEquals(
        "HTTP /shop/api/orders/{id}/lines/{line}",
        routes.route("/shop/api/", "BREW", Orders.class, line).spanName(),
        "a method the conventions do not know");
  }
}
