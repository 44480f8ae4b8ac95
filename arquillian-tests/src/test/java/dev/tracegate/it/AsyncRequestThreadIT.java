package dev.tracegate.it;

import static dev.tracegate.it.TracingIT.randomHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.Later;
import dev.tracegate.it.app.LaterCallServlet;
import dev.tracegate.it.app.LogFieldsResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An async request's response is sent from another thread, and its request thread goes back to the
 * pool; a servlet served there later, which the JAX-RS filters never see, must not continue the
 * async request's trace in its outbound calls.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AsyncRequestThreadIT {
  private static final Pattern THREAD_AND_TRACEPARENT =
      Pattern.compile(
          "thread=(.+)\ntraceparent=00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}\n(?s).*");

  @ArquillianResource private URL application;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "async-request-thread",
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        LogFieldsResource.class,
        Later.class,
        EchoResource.class,
        LaterCallServlet.class);
  }

  @Test
  void aServletOnTheThreadOfAnAnsweredAsyncRequestStartsItsOwnTrace() {
    Set<String> asyncTraceIds = new HashSet<>();
    Set<String> asyncRequestThreads = new HashSet<>();
    Set<String> servletThreads = new HashSet<>();
    String echo = URLEncoder.encode(application + "api/echo", StandardCharsets.UTF_8);
    for (int i = 0; i < 40; i++) {
      String traceId = randomHex(32);
      asyncTraceIds.add(traceId);
      HttpResponse<String> async =
          Http.get(
              application + "api/log-fields/async",
              "traceparent",
              "00-" + traceId + "-" + randomHex(16) + "-01");
      assertEquals(200, async.statusCode(), async.body());
      asyncRequestThreads.add(async.body().strip().substring("thread=".length()));

      HttpResponse<String> later = Http.get(application + "later-call?to=" + echo);
      assertEquals(200, later.statusCode(), later.body());
      Matcher threadAndTraceId = THREAD_AND_TRACEPARENT.matcher(later.body());
      assertTrue(threadAndTraceId.matches(), later.body());
      servletThreads.add(threadAndTraceId.group(1));
      assertFalse(
          asyncTraceIds.contains(threadAndTraceId.group(2)),
          "a servlet's outbound call continued an earlier async request's trace: " + later.body());
    }
    servletThreads.retainAll(asyncRequestThreads);
    if (TestServer.kind() == TestServer.Kind.GLASSFISH) {
      // In the runs tried, GlassFish never served a servlet on a thread an async request had left
      // (all async requests ran on one thread, the servlets on others): nothing was put to the
      // test.
      assumeFalse(
          servletThreads.isEmpty(),
          "GlassFish ran no servlet on a thread an async request had left: " + asyncRequestThreads);
    }
    assertFalse(
        servletThreads.isEmpty(),
        "servlets ran on threads async requests had left: " + asyncRequestThreads);
  }
}
