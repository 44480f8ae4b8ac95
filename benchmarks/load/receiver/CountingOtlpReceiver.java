import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
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
 * The load benchmark's OTLP/HTTP receiver on 127.0.0.1: decodes every export request down to its
 * spans (a malformed one gets 400, as at a real collector), counts them per {@code service.name}, and
 * discards them. Spans are counted on the wire, not built as objects: the receiver shares the two cores
 * with the servers under test and must keep up with ~20,000 spans/s, so that no tracer waits on it.
 *
 * <pre>
 * java -cp PROTO_CLASSPATH CountingOtlpReceiver.java PORT
 *   POST /v1/traces   OTLP/HTTP protobuf in (gzip or not)
 *   GET  /counts      one line per service: "service.name spans bytes" (bytes: of the uncompressed requests)
 * </pre>
 */
public final class CountingOtlpReceiver {
  private final Map<String, LongAdder> spansOfService = new ConcurrentHashMap<>();
  /** Bytes of the export requests (after any gzip is undone) per service. */
  private final Map<String, LongAdder> bytesOfService = new ConcurrentHashMap<>();
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
      try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        byte[] request = body.readAllBytes();
        String service = countSpans(CodedInputStream.newInstance(request));
        bytesOfService.computeIfAbsent(service, name -> new LongAdder()).add(request.length);
      } catch (IOException notOtlp) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, emptyResponse.length);
      exchange.getResponseBody().write(emptyResponse);
    }
  }

  // Field numbers of opentelemetry/proto: ExportTraceServiceRequest.resource_spans = 1,
  // ResourceSpans.resource = 1 and .scope_spans = 2, ScopeSpans.spans = 2.
  private static final int RESOURCE_SPANS = lengthDelimited(1);
  private static final int RESOURCE = lengthDelimited(1);
  private static final int SCOPE_SPANS = lengthDelimited(2);
  private static final int SPANS = lengthDelimited(2);

  private static int lengthDelimited(int field) {
    return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** Reads an ExportTraceServiceRequest; returns the service.name of its last resource. */
  private String countSpans(CodedInputStream request) throws IOException {
    String service = "unknown";
    for (int tag = request.readTag(); tag != 0; tag = request.readTag()) {
      if (tag != RESOURCE_SPANS) {
        request.skipField(tag);
        continue;
      }
      int limit = request.pushLimit(request.readRawVarint32());
      long spans = 0;
      for (int field = request.readTag(); field != 0; field = request.readTag()) {
        if (field == RESOURCE) {
          service = serviceName(Resource.parseFrom(request.readBytes()));
        } else if (field == SCOPE_SPANS) {
          spans += spansIn(request);
        } else {
          request.skipField(field);
        }
      }
      request.popLimit(limit);
      spansOfService.computeIfAbsent(service, name -> new LongAdder()).add(spans);
    }
    return service;
  }

  /** Reads one ScopeSpans, skipping over each span. */
  private static long spansIn(CodedInputStream in) throws IOException {
    int limit = in.pushLimit(in.readRawVarint32());
    long spans = 0;
    for (int field = in.readTag(); field != 0; field = in.readTag()) {
      if (field == SPANS) {
        spans++;
      }
      in.skipField(field);
    }
    in.popLimit(limit);
    return spans;
  }

  private static String serviceName(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals("service.name")) {
        return attribute.getValue().getStringValue().replace(' ', '_');
      }
    }
    return "unknown";
  }

  private void counts(HttpExchange exchange) throws IOException {
    try (exchange) {
      StringBuilder text = new StringBuilder();
      new TreeMap<>(spansOfService).forEach((service, spans) -> text.append(service).append(' ').append(spans.sum())
          .append(' ').append(bytesOfService.getOrDefault(service, new LongAdder()).sum()).append('\n'));
      byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
