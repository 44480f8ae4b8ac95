package dev.tracegate.it;

import static dev.tracegate.it.TracingIT.randomHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.app.Later;
import dev.tracegate.it.app.LogFieldsResource;
import dev.tracegate.it.app.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An async response leaves its request thread while the request is still going on; a later request
 * on that pooled thread, here of another application with tracing off, must not log with the async
 * request's {@code trace_id} (Open Liberty's log fields are per thread and shared by all
 * applications).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AsyncLogFieldsIT {
  private static final Pattern THREAD_AND_TRACE_ID = Pattern.compile("thread=(.+) trace_id=(\\S+)");

  @ArquillianResource
  @OperateOnDeployment("traced")
  private URL traced;

  @ArquillianResource
  @OperateOnDeployment("untraced")
  private URL untraced;

  @Deployment(name = "traced", testable = false)
  static WebArchive tracedApplication() {
    return TestServer.war(
        "async-log-traced",
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        LogFieldsResource.class,
        Later.class);
  }

  @Deployment(name = "untraced", testable = false)
  static WebArchive untracedApplication() {
    return TestServer.unconfiguredWar(
        "async-log-untraced", TestApplication.class, LogFieldsResource.class, Later.class);
  }

  @Test
  void aLaterRequestOnTheThreadOfAnAsyncRequestHasNoneOfItsLogFields() {
    Set<String> asyncRequestThreads = new HashSet<>();
    Set<String> laterRequestThreads = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      HttpResponse<String> async =
          Http.get(
              traced + "api/log-fields/async",
              "traceparent",
              "00-" + randomHex(32) + "-" + randomHex(16) + "-01");
      assertEquals(200, async.statusCode(), async.body());
      asyncRequestThreads.add(async.body().strip().substring("thread=".length()));

      HttpResponse<String> later = Http.get(untraced + "api/log-fields");
      assertEquals(200, later.statusCode(), later.body());
      Matcher threadAndTraceId = THREAD_AND_TRACE_ID.matcher(later.body().strip());
      assertTrue(threadAndTraceId.matches(), later.body());
      laterRequestThreads.add(threadAndTraceId.group(1));
      assertEquals(
          "none",
          threadAndTraceId.group(2),
          "a request of an untraced application logs another request's trace_id");
    }
    laterRequestThreads.retainAll(asyncRequestThreads);
    assertFalse(
        laterRequestThreads.isEmpty(),
        "later requests ran on threads async requests had left: " + asyncRequestThreads);
  }
}
