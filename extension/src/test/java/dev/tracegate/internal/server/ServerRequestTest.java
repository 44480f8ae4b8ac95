package dev.tracegate.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tracegate.JaxRsContexts;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Application;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ServerRequestTest {
  @ApplicationPath("/api/")
  static class Api extends Application {}

  /** What a CDI client proxy of the application looks like: an unannotated subclass. */
  static class ApiProxy extends Api {}

  @ApplicationPath("/")
  static class Root extends Application {}

  @ApplicationPath("v1/*")
  static class ServletStyle extends Application {}

  @Test
  void applicationPathIsReadWithoutSlashes() {
    assertEquals("api", ServerRequest.applicationPath(new Api()));
    assertEquals("", ServerRequest.applicationPath(new Root()));
    assertEquals("v1", ServerRequest.applicationPath(new ServletStyle()));
  }

  @Test
  void applicationPathIsFoundThroughProxySubclass() {
    assertEquals("api", ServerRequest.applicationPath(new ApiProxy()));
  }

  /** What Jersey injects as the Application: its own configuration, holding the application. */
  public static class JerseyLikeConfiguration extends Application {
    private final Application application;

    JerseyLikeConfiguration(Application application) {
      this.application = application;
    }

    public final Application getApplication() {
      return application;
    }
  }

  @Test
  void applicationPathIsFoundInTheApplicationJerseysConfigurationHolds() {
    assertEquals("api", ServerRequest.applicationPath(new JerseyLikeConfiguration(new ApiProxy())));
    assertEquals("", ServerRequest.applicationPath(new JerseyLikeConfiguration(new Root())));
    assertEquals("", ServerRequest.applicationPath(new JerseyLikeConfiguration(null)));
  }

  @Test
  void noAnnotationOrNoApplicationMeansNoApplicationPath() {
    assertEquals("", ServerRequest.applicationPath(new Application()));
    assertEquals("", ServerRequest.applicationPath(null));
  }

  @Test
  void thePeerAddressComesFromTheImplementationsHttpRequest() {
    ServerRequest request =
        new ServerRequest(
            JaxRsContexts.incoming("GET", "http://shop.example.com/api/orders")
                .peer("192.0.2.60")
                .context());
    assertEquals("192.0.2.60", request.peerAddress());
  }

  @Test
  void withoutHttpRequestThePeerAddressComesFromTheSupplierAnEarlierFilterLeft() {
    ContainerRequestContext context = jerseyLikeRequest();
    context.setProperty(ServerRequest.PEER_ADDRESS, (Supplier<String>) () -> "192.0.2.61");
    assertEquals("192.0.2.61", new ServerRequest(context).peerAddress());
  }

  @Test
  void aFailingPeerAddressSupplierGivesNoPeerAddress() {
    ContainerRequestContext context = jerseyLikeRequest();
    context.setProperty(
        ServerRequest.PEER_ADDRESS,
        (Supplier<String>)
            () -> {
              throw new IllegalStateException("no request on this thread");
            });
    assertNull(new ServerRequest(context).peerAddress());
  }

  private static ContainerRequestContext jerseyLikeRequest() {
    return JaxRsContexts.incoming("GET", "http://shop.example.com/api/orders")
        .withoutHttpRequest()
        .context();
  }

  @Test
  void anImplementationWithoutHttpRequestGivesNoPeerAddress() {
    assertNull(new ServerRequest(JaxRsContexts.headersOnly(List.of())).peerAddress());
  }

  @Test
  void thePathAfterTheContextRootIsTheApplicationPathAndThePathRelativeToIt() {
    ServerRequest request =
        new ServerRequest(
            JaxRsContexts.incoming("GET", "http://shop.example.com/shop/api/orders/42")
                .base("http://shop.example.com/shop/api/")
                .context());
    String afterContextRoot =
        ServerRequest.basePathAfterContextRoot(request.baseRawPath(), new Api());
    assertEquals("/api", afterContextRoot);
    assertEquals("/api/orders/42", request.pathAfterContextRoot(afterContextRoot));
  }
}
