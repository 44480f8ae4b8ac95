import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The demo's bridge from OpenTelemetry to Zipkin, which has no OTLP receiver: receives OTLP/HTTP
 * (protobuf) on 127.0.0.1, forwards every span to Zipkin's v2 JSON API, and prints a received trace
 * as an indented tree for the terminal.
 *
 * <pre>
 * java -cp PROTO_CLASSPATH demo/OtlpZipkinBridge.java PORT http://127.0.0.1:ZIPKIN_PORT
 *   POST /v1/traces                      OTLP/HTTP protobuf in
 *   GET  /traces/{traceId}/tree          the trace as text, once no span arrived for ~2 s
 *   GET  /traces/latest/tree?since=MILLIS the same for the trace whose root span arrived last
 *                                        (and not before MILLIS since the epoch)
 * </pre>
 */
public final class OtlpZipkinBridge {
  private static final long SETTLE_MILLIS = 2000;
  private static final long MAX_WAIT_MILLIS = 30_000;

  /** One received span, with the service that recorded it. */
  record Received(String service, Span span) {
    String traceId() { return hex(span.getTraceId().toByteArray()); }
    String spanId() { return hex(span.getSpanId().toByteArray()); }
    String parentId() { return hex(span.getParentSpanId().toByteArray()); }
  }

  private final Map<String, List<Received>> traces = new ConcurrentHashMap<>();
  private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
  /** The trace whose root span arrived last, and when. */
  private volatile String latestRootTrace;
  private volatile long latestRootArrival;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI zipkinSpans;

  OtlpZipkinBridge(String zipkinUrl) {
    this.zipkinSpans = URI.create(zipkinUrl.replaceAll("/+$", "") + "/api/v2/spans");
  }

  public static void main(String[] args) throws IOException {
    OtlpZipkinBridge bridge = new OtlpZipkinBridge(args[1]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
    server.createContext("/v1/traces", bridge::receive);
    server.createContext("/traces/", bridge::tree);
    server.setExecutor(Executors.newCachedThreadPool()); // a waiting tree request must not hold up receiving
    server.start();
    System.out.println("OTLP/HTTP bridge listening on http://127.0.0.1:" + args[0] + "/v1/traces, forwarding to " + bridge.zipkinSpans);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      List<Received> received = new ArrayList<>();
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        String service = attribute(resourceSpans.getResource(), "service.name");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            received.add(new Received(service, span));
          }
        }
      }
      store(received);
      forwardToZipkin(received);
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length);
      exchange.getResponseBody().write(response);
    }
  }

  private void store(List<Received> received) {
    for (Received span : received) {
      traces.computeIfAbsent(span.traceId(), id -> new CopyOnWriteArrayList<>()).add(span);
      lastArrival.put(span.traceId(), System.currentTimeMillis());
    }
    // A root arrives last (it ends last); a continued trace's root has a parent outside the trace.
    for (Received span : received) {
      Set<String> ids = traces.get(span.traceId()).stream().map(Received::spanId).collect(Collectors.toSet());
      if (span.parentId().isEmpty() || span.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER && !ids.contains(span.parentId())) {
        latestRootTrace = span.traceId();
        latestRootArrival = System.currentTimeMillis();
      }
    }
  }

  private void forwardToZipkin(List<Received> received) {
    String json = received.stream().map(OtlpZipkinBridge::zipkinJson).collect(Collectors.joining(",", "[", "]"));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(zipkinSpans)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        System.err.println("Zipkin refused spans: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      System.err.println("Zipkin unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A span in Zipkin's v2 model; INTERNAL spans have no kind there. */
  static String zipkinJson(Received received) {
    Span span = received.span();
    Map<String, String> tags = new LinkedHashMap<>();
    for (KeyValue attribute : span.getAttributesList()) {
      tags.put(attribute.getKey(), text(attribute.getValue()));
    }
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      tags.put("otel.status_code", "ERROR");
      tags.put("error", span.getStatus().getMessage().isEmpty() ? "true" : span.getStatus().getMessage());
    }
    StringBuilder json = new StringBuilder("{");
    field(json, "traceId", received.traceId()).append(',');
    field(json, "id", received.spanId()).append(',');
    if (!received.parentId().isEmpty()) {
      field(json, "parentId", received.parentId()).append(',');
    }
    field(json, "name", span.getName()).append(',');
    String kind = switch (span.getKind()) {
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> null;
    };
    if (kind != null) {
      field(json, "kind", kind).append(',');
    }
    json.append("\"timestamp\":").append(span.getStartTimeUnixNano() / 1000).append(',');
    json.append("\"duration\":").append(Math.max(1, (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1000)).append(',');
    json.append("\"localEndpoint\":{");
    field(json, "serviceName", received.service()).append("},");
    json.append("\"annotations\":").append(span.getEventsList().stream()
        .map(event -> "{\"timestamp\":" + event.getTimeUnixNano() / 1000 + ",\"value\":" + quote(event.getName()) + "}")
        .collect(Collectors.joining(",", "[", "]"))).append(',');
    json.append("\"tags\":").append(tags.entrySet().stream()
        .map(tag -> quote(tag.getKey()) + ":" + quote(tag.getValue()))
        .collect(Collectors.joining(",", "{", "}")));
    return json.append('}').toString();
  }

  private void tree(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/"); // "", "traces", id, "tree"
      String traceId = path.length > 2 ? path[2] : "";
      String query = exchange.getRequestURI().getQuery();
      long since = query != null && query.startsWith("since=") ? Long.parseLong(query.substring(6)) : 0;
      long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
      while (System.currentTimeMillis() < deadline) {
        String id = !"latest".equals(traceId) ? traceId : latestRootArrival >= since ? latestRootTrace : null;
        Long last = id == null ? null : lastArrival.get(id);
        if (last != null && System.currentTimeMillis() - last > SETTLE_MILLIS) {
          byte[] text = render(id).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, text.length);
          exchange.getResponseBody().write(text);
          return;
        }
        sleep(200);
      }
      byte[] text = ("no spans of trace " + traceId + " arrived\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, text.length);
      exchange.getResponseBody().write(text);
    }
  }

  /** The trace as an indented tree: service, kind, span name, duration, status. */
  String render(String traceId) {
    List<Received> spans = new ArrayList<>(traces.get(traceId));
    spans.sort(Comparator.comparingLong(received -> received.span().getStartTimeUnixNano()));
    Set<String> ids = spans.stream().map(Received::spanId).collect(Collectors.toSet());
    StringBuilder out = new StringBuilder("trace " + traceId + " (" + spans.size() + " spans)\n");
    for (Received root : spans) {
      if (!ids.contains(root.parentId())) {
        render(out, root, spans, 0);
      }
    }
    return out.toString();
  }

  private static void render(StringBuilder out, Received node, List<Received> spans, int depth) {
    Span span = node.span();
    String status = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR
        ? "ERROR" + httpStatus(span) : "ok" + httpStatus(span);
    String indent = "  ".repeat(depth);
    // A CLIENT span is named by its method only (no route on the caller's side): show where it went.
    String target = span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT
        ? attributeOf(span, "url.full").map(url -> " -> " + URI.create(url).getRawPath()).orElse("") : "";
    out.append(String.format(Locale.ROOT, "%-34s %-9s %-56s %9.1f ms  %s%n",
        indent + node.service(), span.getKind().name().replace("SPAN_KIND_", ""), indent + span.getName() + target,
        (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6, status));
    for (Received child : spans) {
      if (child.parentId().equals(node.spanId())) {
        render(out, child, spans, depth + 1);
      }
    }
  }

  private static String httpStatus(Span span) {
    return attributeOf(span, "http.response.status_code").map(code -> " (" + code + ")").orElse("");
  }

  private static Optional<String> attributeOf(Span span, String key) {
    return span.getAttributesList().stream().filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> text(attribute.getValue())).findFirst();
  }

  private static String attribute(Resource resource, String key) {
    return resource.getAttributesList().stream().filter(kv -> kv.getKey().equals(key))
        .map(kv -> text(kv.getValue())).findFirst().orElse("unknown_service");
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpZipkinBridge::text)
          .collect(Collectors.joining(",", "[", "]"));
      default -> value.toString().trim();
    };
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    return json.append(quote(name)).append(':').append(quote(value));
  }

  private static String quote(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
