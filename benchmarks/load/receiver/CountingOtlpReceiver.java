import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * The load benchmark's OTLP/HTTP receiver on 127.0.0.1: parses every export request (so a malformed
 * one fails, as at a real collector), counts its spans per {@code service.name}, and discards them.
 *
 * <pre>
 * java -cp PROTO_CLASSPATH CountingOtlpReceiver.java PORT
 *   POST /v1/traces   OTLP/HTTP protobuf in (gzip or not)
 *   GET  /counts      one line per service: "service.name spans"
 * </pre>
 */
public final class CountingOtlpReceiver {
  private final Map<String, LongAdder> spansOfService = new ConcurrentHashMap<>();
  private final byte[] emptyResponse = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

  public static void main(String[] args) throws IOException {
    CountingOtlpReceiver receiver = new CountingOtlpReceiver();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
    server.createContext("/v1/traces", receiver::receive);
    server.createContext("/counts", receiver::counts);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("OTLP/HTTP receiver on http://127.0.0.1:" + args[0] + "/v1/traces");
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ExportTraceServiceRequest request;
      try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        request = ExportTraceServiceRequest.parseFrom(body);
      } catch (IOException notOtlp) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        long spans = 0;
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          spans += scopeSpans.getSpansCount();
        }
        spansOfService.computeIfAbsent(serviceName(resourceSpans), name -> new LongAdder()).add(spans);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, emptyResponse.length);
      exchange.getResponseBody().write(emptyResponse);
    }
  }

  private static String serviceName(ResourceSpans resourceSpans) {
    for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
      if (attribute.getKey().equals("service.name")) {
        return attribute.getValue().getStringValue().replace(' ', '_');
      }
    }
    return "unknown";
  }

  private void counts(HttpExchange exchange) throws IOException {
    try (exchange) {
      StringBuilder text = new StringBuilder();
      new TreeMap<>(spansOfService).forEach((service, spans) -> text.append(service).append(' ').append(spans.sum()).append('\n'));
      byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
