package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class W3CTraceContextTest {
  private static final W3CTraceContext W3C = W3CTraceContext.getInstance();
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  /** The Recommendation's acceptance rules, written independently of the code. */
  private static final Pattern ACCEPTED =
      Pattern.compile(
          "(00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}|(?!ff|00)[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?)");

  private static SpanContext extracted(String... headers) {
    return Span.fromContext(W3C.extract(Context.root(), Headers.of(headers), Headers.GETTER))
        .getSpanContext();
  }

  @Test
  void validTraceparentIsContinued() {
    SpanContext parent = extracted("traceparent", VALID);
    assertTrue(parent.isRemote());
    assertEquals(TRACE_ID, parent.getTraceId());
    assertEquals(PARENT_ID, parent.getSpanId());
    assertTrue(parent.isSampled());
  }

  @Test
  void spacesAndTabsAroundTheValueAreIgnored() {
    assertTrue(extracted("traceparent", " \t" + VALID + "\t ").isValid());
  }

  @Test
  void repeatedTraceparentIsInvalid() {
    assertFalse(extracted("traceparent", VALID, "traceparent", VALID).isValid());
  }

  @Test
  void traceparentListInOneHeaderIsInvalid() {
    assertFalse(extracted("traceparent", VALID + "," + VALID).isValid());
  }

  @Test
  void version00WithTrailingDataIsInvalid() {
    assertFalse(extracted("traceparent", VALID + "-extra").isValid());
  }

  @Test
  void higherVersionUsesOnlyTheKnownFields() {
    SpanContext parent =
        extracted("traceparent", "cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-holds");
    assertEquals(TRACE_ID, parent.getTraceId());
    assertFalse(extracted("traceparent", "cc-" + TRACE_ID + "-" + PARENT_ID + "-01.x").isValid());
    assertFalse(extracted("traceparent", "ff-" + TRACE_ID + "-" + PARENT_ID + "-01").isValid());
  }

  @Test
  void tracestateIsKeptOnlyWithAValidTraceparent() {
    SpanContext parent =
        extracted("traceparent", VALID, "tracestate", "a=1", "tracestate", "b@x=2");
    assertEquals(
        TraceState.builder().put("a", "1").put("b@x", "2").build().asMap(),
        parent.getTraceState().asMap());
    assertFalse(extracted("traceparent", VALID.toUpperCase(), "tracestate", "a=1").isValid());
  }

  @Test
  void tracestateKeysOpenTelemetrysBuilderRejectsReachTheChildSpanAndTheNextCall() {
    String list =
        "foo@=1,foo@@bar=2,foo@bar@baz=3," + "t".repeat(242) + "@v=4,t@" + "v".repeat(15) + "=5";
    assertEquals(
        0,
        TraceState.builder().put("foo@@bar", "2").build().size(),
        "OpenTelemetry's builder drops this key");
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .build()) {
      Context parent =
          W3C.extract(
              Context.root(),
              Headers.of("traceparent", VALID, "tracestate", list, "tracestate", "foo@=9"),
              Headers.GETTER);
      Span child = tracing.get("test").spanBuilder("child").setParent(parent).startSpan();
      Headers out = new Headers();
      W3C.inject(parent.with(child), out, Headers.SETTER);
      assertEquals(
          list,
          out.single("tracestate"),
          "all kept, in order, the repeated key's first member only");
      assertEquals(child.getSpanContext().getSpanId(), out.single("traceparent").substring(36, 52));
      child.end();
    }
  }

  @Test
  void randomTraceparentsAreAcceptedExactlyWhenTheRulesSaySo() {
    Random random = new Random(42);
    String[] versions = {"00", "01", "cc", "fe", "ff", "0A", "g0"};
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder header =
          new StringBuilder(versions[random.nextInt(versions.length)])
              .append('-')
              .append(hex(random, 32))
              .append('-')
              .append(hex(random, 16))
              .append('-')
              .append(hex(random, 2));
      if (random.nextInt(4) == 0) {
        header
            .append(random.nextBoolean() ? "-" : "")
            .append(TracestateTest.randomString(random, "-ab.", random.nextInt(4)));
      }
      if (random.nextInt(3) == 0) {
        int at = random.nextInt(header.length());
        header.setCharAt(at, "0fFg-z ".charAt(random.nextInt(7)));
      }
      String value = header.toString();
      boolean zeroIds =
          value.length() >= 52
              && (value.substring(3, 35).matches("0+") || value.substring(36, 52).matches("0+"));
      boolean expected = ACCEPTED.matcher(value.strip()).matches() && !zeroIds;
      assertEquals(expected, extracted("traceparent", value).isValid(), value);
      accepted += expected ? 1 : 0;
    }
    assertTrue(accepted > 1_000, "the random inputs exercise acceptance too: " + accepted);
  }

  @Test
  void allZeroIdsAreInvalid() {
    assertFalse(
        extracted("traceparent", "00-" + "0".repeat(32) + "-" + PARENT_ID + "-01").isValid());
    assertFalse(
        extracted("traceparent", "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01").isValid());
  }

  @Test
  void outboundTracestateOver512CharactersLosesWholeMembers() {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      list.append(i == 0 ? "" : ",").append("k").append(i).append('=').append("v".repeat(20));
    }
    Context context =
        W3C.extract(
            Context.root(),
            Headers.of("traceparent", VALID, "tracestate", list.toString()),
            Headers.GETTER);
    Headers out = new Headers();
    W3C.inject(context, out, Headers.SETTER);
    String sent = out.single("tracestate");
    assertTrue(sent.length() <= 512 && list.toString().startsWith(sent + ","), sent);
  }

  @Test
  void randomFlagOfTheParentReachesTheChildAndUnknownFlagsDoNot() {
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .build()) {
      Context parent =
          W3C.extract(
              Context.root(),
              Headers.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-fb"),
              Headers.GETTER);
      Span child = tracing.get("test").spanBuilder("child").setParent(parent).startSpan();
      Headers out = new Headers();
      W3C.inject(parent.with(child), out, Headers.SETTER);
      assertTrue(out.single("traceparent").endsWith("-03"), out.single("traceparent"));
      child.end();

      Span root = tracing.get("test").spanBuilder("root").setParent(Context.root()).startSpan();
      assertTrue(
          root.getSpanContext().getTraceFlags().isTraceIdRandom(),
          "the SDK's random trace ids are flagged as random");
      root.end();
    }
  }

  @Test
  void nothingIsInjectedWithoutAValidSpan() {
    Headers out = new Headers();
    W3C.inject(Context.root(), out, Headers.SETTER);
    assertNull(out.single("traceparent"));
    assertEquals(TraceFlags.getDefault(), extracted().getTraceFlags());
  }

  private static String hex(Random random, int length) {
    StringBuilder hex = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      hex.append(random.nextInt(50) == 0 ? '0' : Character.forDigit(random.nextInt(16), 16));
    }
    return random.nextInt(40) == 0 ? "0".repeat(length) : hex.toString();
  }
}
