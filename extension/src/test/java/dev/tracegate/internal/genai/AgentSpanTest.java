package dev.tracegate.internal.genai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentSpanTest {
  private static final Agent SUPPORT =
      new Agent("Support", "support-agent", "Resolves technical issues", "openai");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void recordsAnInternalInvokeAgentSpanWithTheGenAiAttributes() throws Exception {
    Object result = AgentSpan.around(tracer, SUPPORT, Context.root(), () -> "answered");

    assertEquals("answered", result);
    SpanData span = onlySpan();
    assertEquals("invoke_agent Support", span.getName());
    assertEquals(SpanKind.INTERNAL, span.getKind());
    assertEquals(
        "invoke_agent", span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")));
    assertEquals("Support", span.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")));
    assertEquals(
        "support-agent", span.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.id")));
    assertEquals(
        "Resolves technical issues",
        span.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.description")));
    assertEquals(
        "openai", span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void leavesOutAttributesTheAnnotationLeavesEmpty() throws Exception {
    AgentSpan.around(tracer, new Agent("Orders", "", "", ""), Context.root(), () -> null);

    SpanData span = onlySpan();
    assertEquals(2, span.getAttributes().size(), span.getAttributes().toString());
    assertFalse(
        span.getAttributes().asMap().containsKey(AttributeKey.stringKey("gen_ai.agent.id")));
  }

  @Test
  void isAChildOfTheCallersSpan() throws Exception {
    Span caller = tracer.spanBuilder("POST /chat").setSpanKind(SpanKind.SERVER).startSpan();
    AgentSpan.around(tracer, SUPPORT, Context.root().with(caller), () -> null);
    caller.end();

    SpanData agent = exporter.getFinishedSpanItems().get(0);
    assertEquals(caller.getSpanContext().getTraceId(), agent.getTraceId());
    assertEquals(caller.getSpanContext().getSpanId(), agent.getParentSpanId());
  }

  @Test
  void isCurrentDuringTheInvocationSoItsCallsAreItsChildren() throws Exception {
    AgentSpan.around(
        tracer,
        SUPPORT,
        Context.root(),
        () -> {
          tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT).startSpan().end();
          return null;
        });

    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData outbound = spans.get(0);
    SpanData agent = spans.get(1);
    assertEquals("invoke_agent Support", agent.getName());
    assertEquals(agent.getSpanId(), outbound.getParentSpanId());
  }

  @Test
  void restoresTheCallersContextAfterwards() throws Exception {
    Context before = Context.current();
    AgentSpan.around(tracer, SUPPORT, Context.root(), () -> null);
    assertSame(before, Context.current());
  }

  @Test
  void recordsAnExceptionAndRethrowsIt() {
    IllegalStateException failure = new IllegalStateException("model unavailable");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                AgentSpan.around(
                    tracer,
                    SUPPORT,
                    Context.root(),
                    () -> {
                      throw failure;
                    }));

    assertSame(failure, thrown);
    SpanData span = onlySpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("model unavailable", span.getStatus().getDescription());
    assertEquals(
        IllegalStateException.class.getName(),
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
    EventData event = span.getEvents().get(0);
    assertEquals("exception", event.getName());
  }

  @Test
  void endsWhenAnAsynchronousResultCompletes() throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    AgentSpan.around(tracer, SUPPORT, Context.root(), () -> answer);
    assertTrue(exporter.getFinishedSpanItems().isEmpty(), "ended before the answer came");

    answer.complete("done");

    assertEquals(StatusCode.UNSET, onlySpan().getStatus().getStatusCode());
  }

  @Test
  void marksAnAsynchronousFailureAsAnError() throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    AgentSpan.around(tracer, SUPPORT, Context.root(), () -> answer.thenApply(String::trim));

    answer.completeExceptionally(new IllegalArgumentException("bad question"));

    SpanData span = onlySpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(
        IllegalArgumentException.class.getName(),
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void anUnnamedAgentIsNamedByItsOperationOnly() throws Exception {
    try (Scope ignored = Context.root().makeCurrent()) {
      AgentSpan.around(tracer, new Agent("", "a-1", "", ""), Context.current(), () -> null);
    }
    assertEquals("invoke_agent", onlySpan().getName());
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }
}
