package dev.tracegate.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tracegate.JaxRsContexts;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.List;
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
