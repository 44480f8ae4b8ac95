package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that configures nothing is not traced, and the log says how to turn tracing on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DormantIT {
  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.unconfiguredWar(
        "dormant", TestApplication.class, EchoResource.class, CallResource.class);
  }

  @Test
  void unconfiguredApplicationRecordsAndForwardsNothing() {
    String api = base + "api/";
    HttpResponse<String> response = Http.post(api + "call", api + "echo");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("traceparent=null"), response.body());
    assertEquals(
        java.util.List.of(),
        OtlpReceiver.shared()
            .settle(span -> "dormant".equals(span.service()), Duration.ofMillis(500)));
  }

  @Test
  void logSaysOnceHowToEnableTracing() {
    // An application without CDI (WildFly's global-module route) starts its tracing at its first
    // request.
    assertEquals(200, Http.get(base + "api/echo").statusCode());
    var lines =
        TestServer.awaitLogLines(
            Duration.ofSeconds(5),
            "Tracegate: tracing is off for application dormant",
            "tracing.random_sampling");
    assertFalse(lines.isEmpty(), "one INFO line when tracing starts");
    assertEquals(1, lines.size(), String.join("\n", lines));
  }
}
