package dev.tracegate.it.sample;

import static dev.tracegate.it.sample.SampleDeployment.INVENTORY;
import static dev.tracegate.it.sample.SampleDeployment.MAIN_AGENT;
import static dev.tracegate.it.sample.SampleDeployment.ORDERS_AGENT;
import static dev.tracegate.it.sample.SampleDeployment.PAYMENT_SERVICE;
import static dev.tracegate.it.sample.SampleDeployment.SUPPORT_AGENT;
import static dev.tracegate.it.sample.SampleDeployment.TECH_SUPPORT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver;
import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three-agent sample on a real Liberty, deployed as the demo deploys it: one customer request
 * is one trace of exactly the fourteen spans documented in docs/sample.md, across six services.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SampleTraceIT {
  private static final String CUSTOMER_REQUEST =
      "{\"customerId\":\"C-1042\",\"orderId\":\"A-1001\","
          + "\"message\":\"I was charged twice for order A-1001 and the app shows an error when I open my invoice\"}";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The trace of one customer request, as docs/sample.md tabulates it (A is the root). */
  private static final List<ExpectedSpan> FLOW =
      List.of(
          new ExpectedSpan("A", null, MAIN_AGENT, SPAN_KIND_SERVER, "POST /main-agent/chat", null),
          new ExpectedSpan("B", "A", MAIN_AGENT, SPAN_KIND_INTERNAL, "invoke_agent Main", null),
          new ExpectedSpan(
              "C",
              "B",
              MAIN_AGENT,
              SPAN_KIND_CLIENT,
              "POST",
              "/external-payment-service/payments/verify"),
          new ExpectedSpan(
              "D",
              "C",
              PAYMENT_SERVICE,
              SPAN_KIND_SERVER,
              "POST /external-payment-service/payments/verify",
              null),
          new ExpectedSpan("E", "B", MAIN_AGENT, SPAN_KIND_CLIENT, "POST", "/support-agent/assist"),
          new ExpectedSpan(
              "F", "E", SUPPORT_AGENT, SPAN_KIND_SERVER, "POST /support-agent/assist", null),
          new ExpectedSpan(
              "G", "F", SUPPORT_AGENT, SPAN_KIND_INTERNAL, "invoke_agent Support", null),
          new ExpectedSpan(
              "H", "G", SUPPORT_AGENT, SPAN_KIND_CLIENT, "POST", "/internal-tech-support/tickets"),
          new ExpectedSpan(
              "I",
              "H",
              TECH_SUPPORT,
              SPAN_KIND_SERVER,
              "POST /internal-tech-support/tickets",
              null),
          new ExpectedSpan(
              "J", "B", MAIN_AGENT, SPAN_KIND_CLIENT, "POST", "/orders-agent/orders/A-1001/review"),
          new ExpectedSpan(
              "K",
              "J",
              ORDERS_AGENT,
              SPAN_KIND_SERVER,
              "POST /orders-agent/orders/{orderId}/review",
              null),
          new ExpectedSpan("L", "K", ORDERS_AGENT, SPAN_KIND_INTERNAL, "invoke_agent Orders", null),
          new ExpectedSpan(
              "M",
              "L",
              ORDERS_AGENT,
              SPAN_KIND_CLIENT,
              "GET",
              "/inventory-management/stock/ROUTER-AX3000"),
          new ExpectedSpan(
              "N",
              "M",
              INVENTORY,
              SPAN_KIND_SERVER,
              "GET /inventory-management/stock/{sku}",
              null));

  @ArquillianResource
  @OperateOnDeployment(MAIN_AGENT)
  private URL mainAgent;

  @Deployment(name = PAYMENT_SERVICE, order = 1, testable = false)
  static WebArchive paymentService() {
    return SampleDeployment.of(PAYMENT_SERVICE);
  }

  @Deployment(name = TECH_SUPPORT, order = 2, testable = false)
  static WebArchive techSupport() {
    return SampleDeployment.of(TECH_SUPPORT);
  }

  @Deployment(name = INVENTORY, order = 3, testable = false)
  static WebArchive inventory() {
    return SampleDeployment.of(INVENTORY);
  }

  @Deployment(name = SUPPORT_AGENT, order = 4, testable = false)
  static WebArchive supportAgent() {
    return SampleDeployment.of(SUPPORT_AGENT);
  }

  @Deployment(name = ORDERS_AGENT, order = 5, testable = false)
  static WebArchive ordersAgent() {
    return SampleDeployment.of(ORDERS_AGENT);
  }

  @Deployment(name = MAIN_AGENT, order = 6, testable = false)
  static WebArchive mainAgent() {
    return SampleDeployment.of(MAIN_AGENT);
  }

  @Test
  void customerRequestIsOneTraceOfTheDocumentedSpansAcrossSixServices() {
    long sentAt = System.currentTimeMillis() * 1_000_000;
    HttpResponse<String> answer = ask();
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("\"status\":\"DUPLICATE_CHARGE\""), answer.body());
    assertTrue(answer.body().contains("\"ticketId\":\"TS-"), answer.body());
    assertTrue(answer.body().contains("\"sku\":\"ROUTER-AX3000\""), answer.body());

    ReceivedSpan root =
        OtlpReceiver.shared()
            .await(
                span ->
                    span.kind() == SPAN_KIND_SERVER
                        && span.name().equals("POST /main-agent/chat")
                        && span.parentSpanId().isEmpty()
                        && span.span().getStartTimeUnixNano() >= sentAt - 1_000_000_000L,
                1,
                Duration.ofSeconds(20))
            .stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no root span of the customer request arrived"));
    Map<String, ReceivedSpan> trace = assertFlow(root.traceId(), "");

    assertEquals(
        Set.of(MAIN_AGENT, SUPPORT_AGENT, ORDERS_AGENT, PAYMENT_SERVICE, TECH_SUPPORT, INVENTORY),
        trace.values().stream().map(ReceivedSpan::service).collect(Collectors.toSet()),
        "six services");
    assertTrue(
        trace.values().stream().noneMatch(ReceivedSpan::isError),
        "no span is an error: " + trace.values());
  }

  @Test
  void agentSpansCarryTheGenAiAgentAttributes() {
    String traceId = randomHex(32);
    assertEquals(
        200, ask("traceparent", "00-" + traceId + "-" + randomHex(16) + "-01").statusCode());
    Map<String, ReceivedSpan> trace = assertFlow(traceId, null);

    assertAgent(trace.get("B"), "Main", "main-agent");
    assertAgent(trace.get("G"), "Support", "support-agent");
    assertAgent(trace.get("L"), "Orders", "orders-agent");
  }

  @Test
  void callersTraceparentIsContinued() {
    String traceId = randomHex(32);
    String callerSpanId = randomHex(16);
    HttpResponse<String> answer = ask("traceparent", "00-" + traceId + "-" + callerSpanId + "-01");
    assertEquals(200, answer.statusCode(), answer.body());

    Map<String, ReceivedSpan> trace = assertFlow(traceId, callerSpanId);
    assertEquals(
        callerSpanId,
        trace.get("A").parentSpanId(),
        "the customer request is a child of the caller's span");
  }

  @Test
  void failingPaymentServiceShowsAsErrorSpansWhileTheCustomerGetsAnAnswer() {
    String traceId = randomHex(32);
    HttpResponse<String> answer =
        ask(
            "traceparent",
            "00-" + traceId + "-" + randomHex(16) + "-01",
            "Sample-Outage",
            PAYMENT_SERVICE);
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("\"status\":\"UNAVAILABLE\""), answer.body());
    assertTrue(
        answer.body().contains("\"ticketId\":\"TS-"),
        "the other agents still answer: " + answer.body());

    Map<String, ReceivedSpan> trace = assertFlow(traceId, null);
    for (String failed : List.of("C", "D")) {
      ReceivedSpan span = trace.get(failed);
      assertTrue(span.isError(), "error span: " + span);
      assertEquals("503", span.attribute("http.response.status_code"), span.toString());
      assertEquals("503", span.attribute("error.type"), span.toString());
    }
    trace.forEach(
        (key, span) -> {
          if (!key.equals("C") && !key.equals("D")) {
            assertFalse(span.isError(), "only the payment call failed, not " + key + ": " + span);
          }
        });
    assertEquals("200", trace.get("A").attribute("http.response.status_code"));
  }

  /**
   * The customer requests README.md and docs/sample.md show as curl commands, read from the docs at
   * test time and sent exactly (method, headers, body): each continues the trace of its {@code
   * traceparent} with the 14 spans docs/sample.md tabulates.
   */
  @Test
  void documentedCurlRequestsGiveTheDocumentedTrace() {
    List<DocumentedRequest> requests = DocumentedRequest.in("README.md", "docs/sample.md");
    assertEquals(2, requests.size(), "curl requests in README.md and docs/sample.md: " + requests);
    for (DocumentedRequest documented : requests) {
      String[] traceparent = documented.header("traceparent").split("-");
      long sentAt = System.currentTimeMillis() * 1_000_000;
      HttpResponse<String> answer =
          send(documented.toRequest(URI.create(mainAgent.toString()).resolve(documented.path())));
      assertEquals(200, answer.statusCode(), documented + ": " + answer.body());

      Map<String, ReceivedSpan> trace = assertFlow(traceparent[1], traceparent[2], sentAt);
      assertEquals(
          traceparent[2],
          trace.get("A").parentSpanId(),
          documented + ": a child of the caller's span");
    }
  }

  /**
   * Asserts the trace is exactly {@link #FLOW}: one span for each expected one (service, kind,
   * name, target), with the expected parents, and no other span. Returns the spans by their letter.
   */
  private static Map<String, ReceivedSpan> assertFlow(String traceId, String rootParent) {
    return assertFlow(traceId, rootParent, 0);
  }

  /**
   * {@link #assertFlow(String, String)} over the spans of the trace that started at or after {@code
   * sentAtNanos}.
   */
  private static Map<String, ReceivedSpan> assertFlow(
      String traceId, String rootParent, long sentAtNanos) {
    Predicate<ReceivedSpan> ofRequest =
        span -> span.traceId().equals(traceId) && span.span().getStartTimeUnixNano() >= sentAtNanos;
    OtlpReceiver.shared().await(ofRequest, FLOW.size(), Duration.ofSeconds(20));
    List<ReceivedSpan> spans = OtlpReceiver.shared().settle(ofRequest, Duration.ofMillis(500));
    assertEquals(FLOW.size(), spans.size(), "spans of trace " + traceId + ": " + spans);

    Map<String, ReceivedSpan> byKey = new HashMap<>();
    for (ExpectedSpan expected : FLOW) {
      List<ReceivedSpan> matching = spans.stream().filter(expected::matches).toList();
      assertEquals(1, matching.size(), "span " + expected + " in " + spans);
      byKey.put(expected.key(), matching.get(0));
    }
    for (ExpectedSpan expected : FLOW) {
      ReceivedSpan span = byKey.get(expected.key());
      if (expected.parentKey() != null) {
        assertEquals(
            byKey.get(expected.parentKey()).spanId(), span.parentSpanId(), "parent of " + expected);
      } else if (rootParent != null) {
        assertEquals(rootParent, span.parentSpanId(), "parent of the root " + expected);
      }
    }
    return byKey;
  }

  private static void assertAgent(ReceivedSpan span, String name, String id) {
    assertEquals("invoke_agent", span.attribute("gen_ai.operation.name"), span.toString());
    assertEquals(name, span.attribute("gen_ai.agent.name"), span.toString());
    assertEquals(id, span.attribute("gen_ai.agent.id"), span.toString());
    assertFalse(span.attribute("gen_ai.agent.description").isBlank(), span.toString());
    assertEquals("dev.tracegate.genai", span.scope());
  }

  private HttpResponse<String> ask(String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(mainAgent + "chat"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CUSTOMER_REQUEST));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String randomHex(int length) {
    StringBuilder hex = new StringBuilder(length);
    while (hex.length() < length) {
      hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
    }
    return hex.toString().replaceFirst("^0", "1");
  }

  /** A curl command of the docs that posts to the sample: its method, path, headers and body. */
  private record DocumentedRequest(
      String page, String method, String path, Map<String, String> headers, String body) {
    private static final Pattern SH_BLOCK =
        Pattern.compile("(?m)^```sh\\n(.*?)^```", Pattern.DOTALL);

    static List<DocumentedRequest> in(String... pages) {
      Path root = repositoryRoot();
      List<DocumentedRequest> requests = new ArrayList<>();
      for (String page : pages) {
        String markdown;
        try {
          markdown = Files.readString(root.resolve(page));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Matcher block = SH_BLOCK.matcher(markdown);
        while (block.find()) {
          for (String line : block.group(1).replace("\\\n", " ").split("\n")) {
            List<String> words = shellWords(line);
            if (!words.isEmpty() && words.get(0).equals("curl")) {
              requests.add(of(page, words));
            }
          }
        }
      }
      return requests;
    }

    private static DocumentedRequest of(String page, List<String> curl) {
      String method = "GET";
      String path = null;
      String body = null;
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < curl.size(); i++) {
        String word = curl.get(i);
        switch (word) {
          case "-X" -> method = curl.get(++i);
          case "-H" -> {
            String[] header = curl.get(++i).split(":\\s*", 2);
            headers.put(header[0], header[1]);
          }
          case "-d" -> body = curl.get(++i);
          default -> {
            if (word.startsWith("-")) {
              throw new AssertionError(page + ": a curl option this test does not know: " + word);
            }
            path = URI.create(word.replaceFirst("\\$\\w+", "1")).getPath();
          }
        }
      }
      if (body != null && method.equals("GET")) {
        method = "POST";
      }
      return new DocumentedRequest(page, method, path, headers, body);
    }

    /**
     * Words as the shell splits them: single and double quotes (the docs use no escapes), #
     * comments.
     */
    private static List<String> shellWords(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder word = null;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\'' || c == '"') {
          int end = line.indexOf(c, i + 1);
          word = (word == null ? new StringBuilder() : word).append(line, i + 1, end);
          i = end;
        } else if (Character.isWhitespace(c)) {
          if (word != null) {
            words.add(word.toString());
            word = null;
          }
        } else if (c == '#' && word == null) {
          break;
        } else {
          word = (word == null ? new StringBuilder() : word).append(c);
        }
      }
      if (word != null) {
        words.add(word.toString());
      }
      return words;
    }

    private static Path repositoryRoot() {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("README.md"))
            && Files.isDirectory(dir.resolve("docs"))) {
          return dir;
        }
      }
      throw new IllegalStateException(
          "no README.md with docs/ above " + Path.of("").toAbsolutePath());
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(header -> header.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElseThrow(() -> new AssertionError(this + " has no " + name + " header"));
    }

    HttpRequest toRequest(URI target) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target)
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(request::header);
      return request.build();
    }

    @Override
    public String toString() {
      return page + ": curl -X " + method + " " + path + " " + headers + " -d " + body;
    }
  }

  /**
   * One span of the flow: who records it, its kind and name, and for a CLIENT span where it goes.
   */
  private record ExpectedSpan(
      String key, String parentKey, String service, SpanKind kind, String name, String targetPath) {
    boolean matches(ReceivedSpan span) {
      return span.service().equals(service)
          && span.kind() == kind
          && span.name().equals(name)
          && (targetPath == null
              || URI.create(span.attribute("url.full")).getPath().equals(targetPath));
    }

    @Override
    public String toString() {
      return key
          + ": "
          + service
          + " "
          + kind
          + " '"
          + name
          + "'"
          + (targetPath == null ? "" : " -> " + targetPath);
    }
  }
}
