package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exporter's life: spans queued when an application stops are flushed; a down collector harms
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExportLifecycleIT {
  private static final int CLOSED_PORT = closedPort();

  @ArquillianResource private Deployer deployer;

  @ArquillianResource
  @OperateOnDeployment("collector-down")
  private URL collectorDown;

  /**
   * Exports only once a minute: anything received before that was flushed by the shutdown. A CDI
   * deployment (beans.xml), whose stop Tracegate sees on every route; one without CDI, with the jar
   * installed server-wide, may lose its queued spans (docs/servers.md).
   */
  @Deployment(name = "flush-on-stop", managed = false, testable = false)
  static WebArchive slowExporter() {
    return TestServer.war(
            "flush-on-stop",
            Map.of("tracing.random_sampling", "100", "otel.bsp.schedule.delay", "60000"),
            TestApplication.class,
            EchoResource.class,
            CallResource.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Deployment(name = "collector-down", testable = false)
  static WebArchive collectorDown() {
    return TestServer.war(
        "collector-down",
        Map.of(
            "tracing.random_sampling",
            "100",
            "otel.exporter.otlp.endpoint",
            "http://127.0.0.1:" + CLOSED_PORT,
            "otel.bsp.schedule.delay",
            "10"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Test
  void spansQueuedWhenApplicationStopsAreFlushed() {
    deployer.deploy("flush-on-stop");
    String traceId = TracingIT.randomHex(32);
    String api = TestServer.baseUrl("flush-on-stop") + "api/";
    try {
      HttpResponse<String> response =
          Http.post(
              api + "call",
              api + "echo",
              "traceparent",
              "00-" + traceId + "-" + TracingIT.randomHex(16) + "-01");
      assertEquals(200, response.statusCode(), response.body());
      assertEquals(
          List.of(),
          OtlpReceiver.shared()
              .settle(span -> span.traceId().equals(traceId), Duration.ofMillis(500)),
          "nothing exported yet: the batch waits a minute");
    } finally {
      deployer.undeploy("flush-on-stop");
    }
    List<ReceivedSpan> flushed =
        OtlpReceiver.shared()
            .await(span -> span.traceId().equals(traceId), 3, Duration.ofSeconds(15));
    assertEquals(3, flushed.size(), "stopping the application flushed its spans: " + flushed);
  }

  @Test
  void requestsSucceedWhileCollectorIsDown() {
    String api = collectorDown + "api/";
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = Http.post(api + "call", api + "echo");
      assertEquals(200, response.statusCode());
      assertTrue(
          Http.echoedTraceparent(response.body(), 0).sampled(),
          "tracing goes on without a collector");
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
