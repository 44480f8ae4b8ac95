package dev.tracegate.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A real OTLP trace receiver on loopback sockets, for both protocols: OTLP/HTTP (protobuf) and
 * OTLP/gRPC. What the servers under test export to. One per test JVM; tests pick out their spans by
 * trace id.
 */
public final class OtlpReceiver {
  private static final OtlpReceiver SHARED = start();

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<Export> exports = new CopyOnWriteArrayList<>();
  private final List<List<String>> servicesPerRequest = new CopyOnWriteArrayList<>();
  private io.grpc.Server grpcServer;

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  /** The receiver all tests in this JVM share. */
  public static OtlpReceiver shared() {
    return SHARED;
  }

  private static OtlpReceiver start() {
    return start(null);
  }

  /**
   * A receiver of its own whose two sockets speak TLS and accept only clients with a certificate
   * from the test CA (mutual TLS); it records the headers of every export.
   */
  public static OtlpReceiver startMutualTls(TestCertificates certificates) {
    return start(certificates);
  }

  private static OtlpReceiver start(TestCertificates tls) {
    try {
      InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      HttpServer server =
          tls == null ? HttpServer.create(loopback, 50) : HttpsServer.create(loopback, 50);
      if (server instanceof HttpsServer https) {
        https.setHttpsConfigurator(
            new HttpsConfigurator(tls.serverContext()) {
              @Override
              public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
              }
            });
      }
      OtlpReceiver receiver = new OtlpReceiver(server);
      server.createContext(
          "/v1/traces",
          exchange -> {
            try (InputStream body =
                "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
              Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
              exchange
                  .getRequestHeaders()
                  .forEach((name, values) -> headers.put(name, String.join(",", values)));
              String client =
                  exchange instanceof HttpsExchange secure
                      ? secure.getSSLSession().getPeerPrincipal().getName()
                      : null;
              receiver.exports.add(new Export("http/protobuf", headers, client));
              receiver.accept(ExportTraceServiceRequest.parseFrom(body));
              byte[] reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
              exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
              exchange.sendResponseHeaders(200, reply.length);
              exchange.getResponseBody().write(reply);
            } catch (IOException | RuntimeException e) {
              exchange.sendResponseHeaders(400, -1);
            } finally {
              exchange.close();
            }
          });
      server.start();
      NettyServerBuilder grpc =
          tls == null
              ? NettyServerBuilder.forAddress(loopback)
              : NettyServerBuilder.forAddress(
                  loopback,
                  TlsServerCredentials.newBuilder()
                      .keyManager(tls.serverCertificate.toFile(), tls.serverKey.toFile())
                      .trustManager(tls.caCertificate.toFile())
                      .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                      .build());
      receiver.grpcServer =
          grpc.addService(
                  ServerInterceptors.intercept(
                      new TraceServiceGrpc.TraceServiceImplBase() {
                        @Override
                        public void export(
                            ExportTraceServiceRequest request,
                            StreamObserver<ExportTraceServiceResponse> response) {
                          receiver.accept(request);
                          response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                          response.onCompleted();
                        }
                      },
                      receiver.grpcExportRecorder()))
              .build()
              .start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records each gRPC export's metadata and, over TLS, the client certificate's subject. */
  private ServerInterceptor grpcExportRecorder() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String key : metadata.keys()) {
          if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            headers.put(key, metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
          }
        }
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        String client;
        try {
          client = session == null ? null : session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
          client = null;
        }
        exports.add(new Export("grpc", headers, client));
        return next.startCall(call, metadata);
      }
    };
  }

  /** Every export request received over either protocol, in order. */
  public List<Export> exports() {
    return new ArrayList<>(exports);
  }

  /** Stops a receiver of its own (the shared one lives as long as the test JVM). */
  public void stop() {
    server.stop(0);
    grpcServer.shutdownNow();
  }

  /** The OTLP/HTTP endpoint, for {@code otel.exporter.otlp.protocol=http/protobuf}. */
  public String endpoint() {
    return scheme() + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The OTLP/gRPC endpoint, for {@code otel.exporter.otlp.protocol=grpc} (OpenTelemetry's default).
   */
  public String grpcEndpoint() {
    return scheme() + "://127.0.0.1:" + grpcServer.getPort();
  }

  private String scheme() {
    return server instanceof HttpsServer ? "https" : "http";
  }

  /**
   * The service names of each export request's resources, request by request, over either protocol.
   */
  public List<List<String>> servicesPerRequest() {
    return new ArrayList<>(servicesPerRequest);
  }

  private void accept(ExportTraceServiceRequest request) {
    List<String> services = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      services.add(attribute(resourceSpans.getResource().getAttributesList(), "service.name"));
    }
    servicesPerRequest.add(services);
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = attribute(resourceSpans.getResource().getAttributesList(), "service.name");
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  service,
                  scopeSpans.getScope().getName(),
                  span,
                  resourceSpans.getResource().getAttributesList()));
        }
      }
    }
  }

  /** Every span received so far. */
  public List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  /** The spans of one trace, waiting until at least {@code count} arrived (or the time is up). */
  public List<ReceivedSpan> awaitTrace(String traceId, int count) {
    return await(span -> span.traceId().equals(traceId), count, Duration.ofSeconds(20));
  }

  /** Spans matching the filter, once at least {@code count} arrived or the time is up. */
  public List<ReceivedSpan> await(Predicate<ReceivedSpan> filter, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ReceivedSpan> matching;
    do {
      matching = spans.stream().filter(filter).toList();
      if (matching.size() >= count) {
        return matching;
      }
      sleep(50);
    } while (System.nanoTime() < deadline);
    return matching;
  }

  /** Spans matching the filter after waiting the given time, for tests that expect none or few. */
  public List<ReceivedSpan> settle(Predicate<ReceivedSpan> filter, Duration wait) {
    sleep(wait.toMillis());
    return spans.stream().filter(filter).toList();
  }

  static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        var value = attribute.getValue();
        return switch (value.getValueCase()) {
          case STRING_VALUE -> value.getStringValue();
          case INT_VALUE -> Long.toString(value.getIntValue());
          case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
          case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
          default -> value.toString();
        };
      }
    }
    return null;
  }

  static String hex(com.google.protobuf.ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One export request: its protocol, its headers (gRPC: metadata) and the client certificate's
   * subject over TLS.
   */
  public record Export(String protocol, Map<String, String> headers, String clientCertificate) {}

  /** A span as received, with the service that sent it. */
  public record ReceivedSpan(String service, String scope, Span span, List<KeyValue> resource) {
    public String resourceAttribute(String key) {
      return OtlpReceiver.attribute(resource, key);
    }

    public String traceId() {
      return hex(span.getTraceId());
    }

    public String spanId() {
      return hex(span.getSpanId());
    }

    /** The parent span id, or the empty string for a root span. */
    public String parentSpanId() {
      return hex(span.getParentSpanId());
    }

    public String name() {
      return span.getName();
    }

    public Span.SpanKind kind() {
      return span.getKind();
    }

    public String attribute(String key) {
      return OtlpReceiver.attribute(span.getAttributesList(), key);
    }

    public boolean isError() {
      return span.getStatus().getCode()
          == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR;
    }

    @Override
    public String toString() {
      return service
          + " "
          + kind()
          + " '"
          + name()
          + "' "
          + traceId()
          + "/"
          + spanId()
          + " parent="
          + parentSpanId();
    }
  }
}
