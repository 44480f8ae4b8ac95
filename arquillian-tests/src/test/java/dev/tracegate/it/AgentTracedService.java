package dev.tracegate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A service with no tracing code of its own, run in a JVM of its own under the OpenTelemetry Java
 * agent, which traces its JDK HTTP server and its {@code java.net.http} client. Only JDK classes,
 * so its class path is just the test classes. Listens on a free loopback port and prints {@code
 * port=N}. {@code /echo} reports the propagation headers it received; {@code /relay?to=URL} reports
 * them, calls {@code URL} and appends that answer.
 */
public final class AgentTracedService {
  /**
   * The propagation headers every hop reports, one {@code name=value} line each ("null" when
   * absent).
   */
  static final List<String> HEADERS =
      List.of(
          "traceparent",
          "tracestate",
          "baggage",
          "x-b3-traceid",
          "x-b3-spanid",
          "x-b3-sampled",
          "x-amzn-trace-id");

  private AgentTracedService() {}

  public static void main(String[] args) throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(
        Executors.newCachedThreadPool()); // a relay waits for calls that may come back here
    server.createContext("/echo", exchange -> reply(exchange, received(exchange)));
    server.createContext(
        "/relay",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          String to =
              URLDecoder.decode(query.substring(query.indexOf("to=") + 3), StandardCharsets.UTF_8);
          try {
            HttpResponse<String> downstream =
                client.send(
                    HttpRequest.newBuilder(URI.create(to)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            reply(exchange, received(exchange) + downstream.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, "failed=" + e);
          }
        });
    server.start();
    System.out.println("port=" + server.getAddress().getPort());
    System.out.close(); // the test reads only this line: nothing later may block on a full pipe
  }

  private static String received(HttpExchange exchange) {
    StringBuilder lines = new StringBuilder();
    for (String name : HEADERS) {
      List<String> values = exchange.getRequestHeaders().get(name);
      lines
          .append(name)
          .append('=')
          .append(values == null ? "null" : String.join(",", values))
          .append('\n');
    }
    return lines.toString();
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
