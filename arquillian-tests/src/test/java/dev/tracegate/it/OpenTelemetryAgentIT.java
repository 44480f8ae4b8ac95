package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.it.OtlpReceiver.ReceivedSpan;
import dev.tracegate.it.app.EchoResource;
import dev.tracegate.it.app.TestApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace across tracers: Tracegate services on Liberty and a service traced by the OpenTelemetry
 * Java agent ({@link AgentTracedService}, its own JVM), calling each other over HTTP, all exporting
 * to the one {@link OtlpReceiver}. Each direction (agent around Tracegate, Tracegate around the
 * agent) with W3C Trace Context and Baggage, B3 (multiple headers) and AWS X-Ray. The agent reads
 * and writes all of them; each Tracegate application is configured with one only, so a hop between
 * the two tracers can carry only that one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenTelemetryAgentIT {
  private static final String AGENT_SERVICE = "agent-traced";
  private static final String TRACESTATE = "congo=t61rcWkgMzE,rojo@tenant=00f067aa0ba902b7";
  private static final String BAGGAGE = "tenant=acme,user=alice";
  private static Process agentTraced;
  private static String agentBase;

  @ArquillianResource
  @OperateOnDeployment("interop-w3c")
  private URL w3c;

  @ArquillianResource
  @OperateOnDeployment("interop-b3")
  private URL b3;

  @ArquillianResource
  @OperateOnDeployment("interop-xray")
  private URL xray;

  @Deployment(name = "interop-w3c", testable = false)
  static WebArchive w3cApplication() {
    return TestServer.war(
        "interop-w3c",
        Map.of("tracing.random_sampling", "100"),
        TestApplication.class,
        EchoResource.class);
  }

  @Deployment(name = "interop-b3", testable = false)
  static WebArchive b3Application() {
    return TestServer.war(
        "interop-b3",
        Map.of("tracing.random_sampling", "100", "otel.propagators", "b3multi,baggage"),
        TestApplication.class,
        EchoResource.class);
  }

  @Deployment(name = "interop-xray", testable = false)
  static WebArchive xrayApplication() {
    return TestServer.war(
        "interop-xray",
        Map.of("tracing.random_sampling", "100", "otel.propagators", "xray,baggage"),
        TestApplication.class,
        EchoResource.class);
  }

  /** Starts the agent-traced service once for the class: the agent takes seconds to start. */
  @BeforeAll
  static void startAgentTracedService() throws Exception {
    String agentJar =
        System.getProperty("tracegate.otel.agent.jar", "target/opentelemetry-javaagent.jar");
    String classes =
        Path.of(
                AgentTracedService.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    ProcessBuilder command =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-javaagent:" + new File(agentJar).getAbsolutePath(),
            "-Dotel.service.name=" + AGENT_SERVICE,
            "-Dotel.exporter.otlp.protocol=http/protobuf",
            "-Dotel.exporter.otlp.endpoint=" + OtlpReceiver.shared().endpoint(),
            "-Dotel.bsp.schedule.delay=100",
            "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none",
            "-Dotel.propagators=tracecontext,baggage,b3multi,xray",
            // Only the two instrumentations the service uses: the agent starts in about half the
            // time.
            "-Dotel.instrumentation.common.default-enabled=false",
            "-Dotel.instrumentation.java-http-server.enabled=true",
            "-Dotel.instrumentation.java-http-client.enabled=true",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classes,
            AgentTracedService.class.getName());
    File log =
        new File(
            "target/agent-traced-service-"
                + System.getProperty("tracegate.install", "war")
                + ".log");
    command.redirectError(log);
    agentTraced = command.start();
    BufferedReader output =
        new BufferedReader(
            new InputStreamReader(agentTraced.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine(); // blocks until the service listens, or ends if it died
    assertTrue(
        line != null && line.startsWith("port="),
        "the agent-traced service did not start: see " + log);
    agentBase = "http://127.0.0.1:" + line.substring("port=".length()) + "/";
  }

  @AfterAll
  static void stopAgentTracedService() throws InterruptedException {
    if (agentTraced != null) {
      agentTraced.destroyForcibly().waitFor();
    }
  }

  @Test
  void agentTracedCallerAndCalleeAroundTracegateShareOneW3CTrace() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    List<Map<String, String>> hops =
        agentAroundTracegate(
            w3c,
            "traceparent",
            "00-" + traceId + "-" + callerSpanId + "-01",
            "tracestate",
            TRACESTATE,
            "baggage",
            BAGGAGE);

    List<ReceivedSpan> chain =
        oneChain(traceId, callerSpanId, AGENT_SERVICE, "interop-w3c", AGENT_SERVICE);
    assertW3CHeadersFollowTheChain(hops, traceId, callerSpanId, chain);
    assertEquals(
        BAGGAGE,
        hops.get(2).get("baggage"),
        "baggage reaches the agent-traced callee through Tracegate");
  }

  @Test
  void tracegateCallerAndCalleeAroundAnAgentTracedServiceShareOneW3CTrace() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    List<Map<String, String>> hops =
        tracegateAroundAgent(
            w3c,
            "traceparent",
            "00-" + traceId + "-" + callerSpanId + "-01",
            "tracestate",
            TRACESTATE,
            "baggage",
            BAGGAGE);

    List<ReceivedSpan> chain =
        oneChain(traceId, callerSpanId, "interop-w3c", AGENT_SERVICE, "interop-w3c");
    assertW3CHeadersFollowTheChain(hops, traceId, callerSpanId, chain);
    assertEquals(
        BAGGAGE,
        hops.get(1).get("baggage"),
        "baggage reaches the agent-traced service from Tracegate");
  }

  /**
   * Keys only the current W3C text allows: Tracegate forwards them, the agent's OpenTelemetry drops
   * the whole list.
   */
  @Test
  void tracestateKeysOfTheCurrentGrammarPassTracegateButNotTheAgent() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    String tracestate = "foo@@bar=1,congo=t61rcWkgMzE";
    List<Map<String, String>> hops =
        tracegateAroundAgent(
            w3c,
            "traceparent",
            "00-" + traceId + "-" + callerSpanId + "-01",
            "tracestate",
            tracestate);

    oneChain(traceId, callerSpanId, "interop-w3c", AGENT_SERVICE, "interop-w3c");
    assertEquals(tracestate, hops.get(1).get("tracestate"), "Tracegate forwards it");
    assertEquals("null", hops.get(2).get("tracestate"), "the agent does not");
  }

  @Test
  void b3HeadersAloneJoinBothTracersInOneTrace() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);
    String[] b3Caller = {"X-B3-TraceId", traceId, "X-B3-SpanId", callerSpanId, "X-B3-Sampled", "1"};

    List<Map<String, String>> hops = agentAroundTracegate(b3, b3Caller);
    List<ReceivedSpan> chain =
        oneChain(traceId, callerSpanId, AGENT_SERVICE, "interop-b3", AGENT_SERVICE);
    Map<String, String> fromTracegate = hops.get(2);
    assertEquals(
        "null", fromTracegate.get("traceparent"), "Tracegate sends B3 only: " + fromTracegate);
    assertEquals(traceId, fromTracegate.get("x-b3-traceid"));
    assertEquals(
        chain.get(3).spanId(),
        fromTracegate.get("x-b3-spanid"),
        "the B3 span id is Tracegate's CLIENT span");
    assertEquals("1", fromTracegate.get("x-b3-sampled"));

    traceId = TracingIT.randomHex(32);
    callerSpanId = TracingIT.randomHex(16);
    hops =
        tracegateAroundAgent(
            b3, "X-B3-TraceId", traceId, "X-B3-SpanId", callerSpanId, "X-B3-Sampled", "1");
    chain = oneChain(traceId, callerSpanId, "interop-b3", AGENT_SERVICE, "interop-b3");
    assertEquals("null", hops.get(1).get("traceparent"), "Tracegate sends B3 only: " + hops.get(1));
    assertEquals(chain.get(1).spanId(), hops.get(1).get("x-b3-spanid"));
    assertEquals("1", hops.get(1).get("x-b3-sampled"));
  }

  @Test
  void xrayHeaderAloneJoinsBothTracersInOneTrace() {
    String traceId = TracingIT.randomHex(32);
    String callerSpanId = TracingIT.randomHex(16);

    List<Map<String, String>> hops =
        agentAroundTracegate(xray, "X-Amzn-Trace-Id", xrayHeader(traceId, callerSpanId));
    List<ReceivedSpan> chain =
        oneChain(traceId, callerSpanId, AGENT_SERVICE, "interop-xray", AGENT_SERVICE);
    Map<String, String> fromTracegate = hops.get(2);
    assertEquals(
        "null", fromTracegate.get("traceparent"), "Tracegate sends X-Ray only: " + fromTracegate);
    assertEquals(xrayHeader(traceId, chain.get(3).spanId()), fromTracegate.get("x-amzn-trace-id"));

    traceId = TracingIT.randomHex(32);
    callerSpanId = TracingIT.randomHex(16);
    hops = tracegateAroundAgent(xray, "X-Amzn-Trace-Id", xrayHeader(traceId, callerSpanId));
    chain = oneChain(traceId, callerSpanId, "interop-xray", AGENT_SERVICE, "interop-xray");
    assertEquals(
        "null", hops.get(1).get("traceparent"), "Tracegate sends X-Ray only: " + hops.get(1));
    assertEquals(xrayHeader(traceId, chain.get(1).spanId()), hops.get(1).get("x-amzn-trace-id"));
  }

  /**
   * Agent-traced relay -> Tracegate relay -> agent-traced echo; the headers each of the three
   * received.
   */
  private List<Map<String, String>> agentAroundTracegate(URL tracegate, String... callerHeaders) {
    String tracegateRelay = tracegate + "api/echo/relay?to=" + encode(agentBase + "echo");
    return hops(Http.get(agentBase + "relay?to=" + encode(tracegateRelay), callerHeaders));
  }

  /**
   * Tracegate relay -> agent-traced relay -> Tracegate echo; the headers each of the three
   * received.
   */
  private List<Map<String, String>> tracegateAroundAgent(URL tracegate, String... callerHeaders) {
    String agentRelay = agentBase + "relay?to=" + encode(tracegate + "api/echo");
    return hops(Http.get(tracegate + "api/echo/relay?to=" + encode(agentRelay), callerHeaders));
  }

  /**
   * The trace as the receiver got it: SERVER, CLIENT, SERVER, CLIENT, SERVER of the given services,
   * each the child of the one before, the first the child of the caller's span, and no other span.
   */
  private static List<ReceivedSpan> oneChain(
      String traceId, String callerSpanId, String... services) {
    List<ReceivedSpan> trace = OtlpReceiver.shared().awaitTrace(traceId, 5);
    List<ReceivedSpan> chain = new ArrayList<>();
    String parent = callerSpanId;
    for (int i = 0; i < 5; i++) {
      String parentId = parent;
      List<ReceivedSpan> children =
          trace.stream().filter(span -> span.parentSpanId().equals(parentId)).toList();
      assertEquals(1, children.size(), "one child of " + parentId + " in " + trace);
      ReceivedSpan span = children.get(0);
      assertEquals(
          i % 2 == 0 ? SpanKind.SPAN_KIND_SERVER : SpanKind.SPAN_KIND_CLIENT,
          span.kind(),
          span.toString());
      assertEquals(services[i / 2], span.service(), span.toString());
      chain.add(span);
      parent = span.spanId();
    }
    assertEquals(
        new HashSet<>(chain), new HashSet<>(trace), "every span of the trace is in the one chain");
    return chain;
  }

  /**
   * Each hop received the trace id, the previous CLIENT span as parent, the sampled flag and the
   * tracestate.
   */
  private static void assertW3CHeadersFollowTheChain(
      List<Map<String, String>> hops,
      String traceId,
      String callerSpanId,
      List<ReceivedSpan> chain) {
    assertEquals(3, hops.size(), hops.toString());
    for (int hop = 0; hop < 3; hop++) {
      String parentId = hop == 0 ? callerSpanId : chain.get(2 * hop - 1).spanId();
      assertEquals(
          "00-" + traceId + "-" + parentId + "-01", hops.get(hop).get("traceparent"), "hop " + hop);
      assertEquals(TRACESTATE, hops.get(hop).get("tracestate"), "hop " + hop);
    }
    for (ReceivedSpan span : chain) {
      assertEquals(
          TRACESTATE,
          span.span().getTraceState(),
          "every span keeps the caller's tracestate: " + span);
    }
  }

  /**
   * The response of a chain, cut into the header lines each hop reported (each starts with its
   * traceparent line).
   */
  private static List<Map<String, String>> hops(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    List<Map<String, String>> hops = new ArrayList<>();
    for (String line : response.body().lines().collect(Collectors.toList())) {
      int equals = line.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = line.substring(0, equals);
      if (name.equals("traceparent")) {
        hops.add(new LinkedHashMap<>());
      }
      hops.get(hops.size() - 1).put(name, line.substring(equals + 1));
    }
    return hops;
  }

  private static String xrayHeader(String traceId, String parentId) {
    return "Root=1-"
        + traceId.substring(0, 8)
        + "-"
        + traceId.substring(8)
        + ";Parent="
        + parentId
        + ";Sampled=1";
  }

  private static String encode(String url) {
    return URLEncoder.encode(url, StandardCharsets.UTF_8);
  }
}
