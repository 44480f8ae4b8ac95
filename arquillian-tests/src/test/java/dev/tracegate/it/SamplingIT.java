package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.Http.Traceparent;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code tracing.random_sampling} decides for new traces; an incoming sampled flag is kept. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SamplingIT {
  @ArquillianResource
  @OperateOnDeployment("sampling-0")
  private URL zeroPercent;

  @ArquillianResource
  @OperateOnDeployment("sampling-50")
  private URL fiftyPercent;

  @Deployment(name = "sampling-0", testable = false)
  static WebArchive none() {
    return TestServer.war(
        "sampling-0",
        Map.of("tracing.random_sampling", "0"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Deployment(name = "sampling-50", testable = false)
  static WebArchive half() {
    return TestServer.war(
        "sampling-50",
        Map.of("tracing.random_sampling", "50"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Test
  void zeroRecordsNoNewTraceButPropagatesOneTraceIdAcrossHops() {
    String api = zeroPercent + "api/";
    HttpResponse<String> response = Http.post(api + "call", api + "echo/relay?to=" + api + "echo");
    assertEquals(200, response.statusCode(), response.body());
    Traceparent firstHop = Http.echoedTraceparent(response.body(), 0);
    Traceparent secondHop = Http.echoedTraceparent(response.body(), 1);

    assertFalse(firstHop.sampled(), "sampled flag 00 is forwarded");
    assertFalse(secondHop.sampled());
    assertEquals(firstHop.traceId(), secondHop.traceId(), "downstream services share the trace id");
    assertNotEquals(firstHop.parentId(), secondHop.parentId(), "each hop forwards its own span id");
    assertEquals(
        List.of(),
        OtlpReceiver.shared()
            .settle(span -> span.traceId().equals(firstHop.traceId()), Duration.ofSeconds(1)),
        "nothing is exported for an unsampled trace");
  }

  @Test
  void incomingSampledFlagIsKeptEvenAtZero() {
    String traceId = TracingIT.randomHex(32);
    String api = zeroPercent + "api/";
    HttpResponse<String> response =
        Http.post(
            api + "call",
            api + "echo",
            "traceparent",
            "00-" + traceId + "-" + TracingIT.randomHex(16) + "-01");
    assertTrue(
        Http.echoedTraceparent(response.body(), 0).sampled(), "parent-based: the caller decided");
    assertEquals(3, OtlpReceiver.shared().awaitTrace(traceId, 3).size());
  }

  @Test
  void fiftyRecordsAboutHalfOfNewTraces() {
    String api = fiftyPercent + "api/";
    int requests = 200;
    List<Traceparent> forwarded = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      forwarded.add(Http.echoedTraceparent(Http.post(api + "call", api + "echo").body(), 0));
    }
    long sampled = forwarded.stream().filter(Traceparent::sampled).count();
    // Binomial(200, 0.5): mean 100, standard deviation ~7.1; 60..140 is beyond 5.6 deviations.
    assertTrue(sampled >= 60 && sampled <= 140, "sampled " + sampled + " of " + requests);

    Set<String> sampledTraceIds = new HashSet<>();
    forwarded.stream().filter(Traceparent::sampled).forEach(t -> sampledTraceIds.add(t.traceId()));
    Set<String> unsampledTraceIds = new HashSet<>();
    forwarded.stream().filter(t -> !t.sampled()).forEach(t -> unsampledTraceIds.add(t.traceId()));
    List<ReceivedSpan> exported =
        OtlpReceiver.shared()
            .await(
                span -> sampledTraceIds.contains(span.traceId()),
                3 * sampledTraceIds.size(),
                Duration.ofSeconds(30));
    assertEquals(
        3 * sampledTraceIds.size(), exported.size(), "every sampled trace is exported whole");
    assertEquals(
        List.of(),
        OtlpReceiver.shared().spans().stream()
            .filter(span -> unsampledTraceIds.contains(span.traceId()))
            .toList(),
        "no unsampled trace is exported");
  }
}
