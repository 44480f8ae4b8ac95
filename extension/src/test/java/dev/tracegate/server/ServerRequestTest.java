package dev.tracegate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
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
}
