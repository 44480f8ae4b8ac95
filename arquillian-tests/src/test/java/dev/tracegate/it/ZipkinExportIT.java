package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * {@code otel.traces.exporter=zipkin}: the exporter shaded into the jar posts Zipkin JSON v2 to
 * {@code otel.exporter.zipkin.endpoint}, here a loopback socket that decodes it with Zipkin's own
 * codec.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZipkinExportIT {
  private static final List<Span> RECEIVED = new CopyOnWriteArrayList<>();
  private static final HttpServer ZIPKIN = zipkin();

  @ArquillianResource private URL base;

  @Deployment(testable = false)
  static WebArchive application() {
    return TestServer.war(
        "zipkin-export",
        Map.of(
            "tracing.random_sampling", "100",
            "otel.traces.exporter", "zipkin",
            "otel.exporter.zipkin.endpoint",
                "http://127.0.0.1:" + ZIPKIN.getAddress().getPort() + "/api/v2/spans"),
        TestApplication.class,
        EchoResource.class,
        CallResource.class);
  }

  @Test
  void spansArriveAsZipkinJsonV2() throws InterruptedException {
    String traceId = TracingIT.randomHex(32);
    HttpResponse<String> response =
        Http.post(
            base + "api/call",
            base + "api/echo",
            "traceparent",
            "00-" + traceId + "-" + TracingIT.randomHex(16) + "-01");
    assertEquals(200, response.statusCode(), response.body());
    List<Span> trace = awaitTrace(traceId, 3);
    assertEquals(3, trace.size(), trace.toString());
    Span call = single(trace, Span.Kind.SERVER, "post /zipkin-export/api/call");
    Span client = single(trace, Span.Kind.CLIENT, "get");
    Span echo = single(trace, Span.Kind.SERVER, "get /zipkin-export/api/echo");
    assertEquals("zipkin-export", call.localServiceName());
    assertEquals(call.id(), client.parentId());
    assertEquals(client.id(), echo.parentId());
    assertEquals("POST", call.tags().get("http.request.method"));
    assertEquals("200", call.tags().get("http.response.status_code"));
    assertEquals("dev.tracegate", call.tags().get("otel.scope.name"));
    assertTrue(call.durationAsLong() > 0);
  }

  private static List<Span> awaitTrace(String traceId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    List<Span> trace;
    do {
      trace = RECEIVED.stream().filter(span -> span.traceId().equals(traceId)).toList();
      if (trace.size() >= count) {
        break;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return trace;
  }

  private static Span single(List<Span> spans, Span.Kind kind, String name) {
    List<Span> matching =
        spans.stream().filter(span -> span.kind() == kind && name.equals(span.name())).toList();
    assertEquals(1, matching.size(), "one " + kind + " span named " + name + " in " + spans);
    return matching.get(0);
  }

  private static HttpServer zipkin() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
      server.createContext(
          "/api/v2/spans",
          exchange -> {
            boolean gzip =
                "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            try (InputStream body =
                gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
              RECEIVED.addAll(SpanBytesDecoder.JSON_V2.decodeList(body.readAllBytes()));
              exchange.sendResponseHeaders(202, -1);
            } catch (RuntimeException e) {
              exchange.sendResponseHeaders(400, -1);
            } finally {
              exchange.close();
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
