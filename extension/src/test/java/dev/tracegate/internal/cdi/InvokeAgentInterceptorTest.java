package dev.tracegate.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.DeployedApplication;
import dev.tracegate.ExportedSpans;
import dev.tracegate.genai.InvokeAgent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/**
 * {@code @InvokeAgent} on CDI beans, intercepted in-process on Weld with the application's own
 * tracing.
 */
@EnableWeld
class InvokeAgentInterceptorTest {

  @ApplicationScoped
  @InvokeAgent(
      name = "Support",
      id = "support-agent",
      description = "Resolves technical issues",
      provider = "openai")
  public static class SupportAgent {
    public SpanContext answer() {
      return Span.current().getSpanContext();
    }

    @InvokeAgent(name = "Classifier")
    public String classify() {
      return "billing";
    }

    public String fail() throws IOException {
      throw new IOException("model unreachable");
    }

    public CompletionStage<String> answerWhenReady(CompletableFuture<String> ready) {
      return ready.thenApply(
          text -> {
            if (text.isEmpty()) {
              throw new IllegalStateException("empty answer");
            }
            return text;
          });
    }
  }

  @WeldSetup
  WeldInitiator weld = WeldInitiator.from(DeployedApplication.with(SupportAgent.class)).build();

  @Inject SupportAgent agent;
  @Inject Tracer tracer;

  @Test
  void aCallIsAnInternalInvokeAgentSpanWithTheAgentsAttributes() {
    agent.answer();

    SpanData span = ExportedSpans.only();
    assertEquals("invoke_agent Support", span.getName());
    assertEquals(SpanKind.INTERNAL, span.getKind());
    assertEquals(
        InvokeAgentInterceptor.INSTRUMENTATION_NAME, span.getInstrumentationScopeInfo().getName());
    assertEquals(
        Attributes.builder()
            .put("gen_ai.operation.name", "invoke_agent")
            .put("gen_ai.agent.name", "Support")
            .put("gen_ai.agent.id", "support-agent")
            .put("gen_ai.agent.description", "Resolves technical issues")
            .put("gen_ai.provider.name", "openai")
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void theSpanIsAChildOfTheSpanCurrentAtTheCall() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope scope = request.makeCurrent()) {
      agent.answer();
    } finally {
      request.end();
    }

    SpanData span = ExportedSpans.named("invoke_agent Support");
    assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(request.getSpanContext().getTraceId(), span.getTraceId());
  }

  @Test
  void theAgentsSpanIsCurrentWhileTheAgentRuns() {
    SpanContext currentInside = agent.answer();

    assertEquals(ExportedSpans.only().getSpanContext(), currentInside);
    assertFalse(
        Span.current().getSpanContext().isValid(), "the span is no longer current after the call");
  }

  @Test
  void aMethodsOwnAnnotationNamesItsAgent() {
    agent.classify();

    SpanData span = ExportedSpans.only();
    assertEquals("invoke_agent Classifier", span.getName());
    assertEquals(
        "Classifier", span.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")));
    assertEquals(
        null,
        span.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.id")),
        "the class's agent is not mixed in");
  }

  @Test
  void anExceptionIsRecordedWithItsTypeAndErrorStatusAndRethrown() {
    IOException thrown = assertThrows(IOException.class, agent::fail);
    assertEquals(
        "model unreachable", thrown.getMessage(), "the application's own exception, unwrapped");

    SpanData span = ExportedSpans.only();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("model unreachable", span.getStatus().getDescription());
    assertEquals(IOException.class.getName(), span.getAttributes().get(ErrorAttributes.ERROR_TYPE));
    assertEquals(List.of(IOException.class.getName()), ExportedSpans.exceptionTypes(span));
  }

  @Test
  void theSpanOfAnAnswerStillToComeEndsWhenTheStageCompletes() {
    CompletableFuture<String> ready = new CompletableFuture<>();
    CompletionStage<String> answer = agent.answerWhenReady(ready);
    assertTrue(ExportedSpans.ofCurrentApplication().isEmpty(), "no span ends before the answer");

    ready.complete("restart the router");

    assertEquals("restart the router", answer.toCompletableFuture().join());
    assertEquals(StatusCode.UNSET, ExportedSpans.only().getStatus().getStatusCode());
  }

  @Test
  void aStageThatFailsEndsTheSpanWithTheErrorInsideItsCompletionException() {
    CompletableFuture<String> ready = new CompletableFuture<>();
    agent.answerWhenReady(ready);

    ready.complete(""); // the dependent stage fails with a CompletionException around the
    // IllegalStateException

    SpanData span = ExportedSpans.only();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("empty answer", span.getStatus().getDescription());
    assertEquals(
        IllegalStateException.class.getName(),
        span.getAttributes().get(ErrorAttributes.ERROR_TYPE));
    assertEquals(
        List.of(IllegalStateException.class.getName()), ExportedSpans.exceptionTypes(span));
  }
}
