package dev.tracegate.internal.genai;

import dev.tracegate.internal.spans.SpanAroundCall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletionStage;

/**
 * Runs one agent invocation inside its {@code invoke_agent} span. The span is INTERNAL (the agent
 * runs in this process), current while the invocation runs, and ends when it returns, or when the
 * {@link CompletionStage} it returns completes.
 */
public final class AgentSpan {
  private AgentSpan() {}

  /** Calls the invocation as a child of {@code parent}, recording it as the agent's span. */
  public static Object around(
      Tracer tracer, Agent agent, Context parent, SpanAroundCall.Call invocation) throws Exception {
    SpanBuilder builder =
        tracer
            .spanBuilder(agent.spanName())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(GenAiAttributes.GEN_AI_OPERATION_NAME, GenAiAttributes.INVOKE_AGENT);
    setIfPresent(builder, GenAiAttributes.GEN_AI_AGENT_NAME, agent.name());
    setIfPresent(builder, GenAiAttributes.GEN_AI_AGENT_ID, agent.id());
    setIfPresent(builder, GenAiAttributes.GEN_AI_AGENT_DESCRIPTION, agent.description());
    setIfPresent(builder, GenAiAttributes.GEN_AI_PROVIDER_NAME, agent.provider());
    return SpanAroundCall.proceed(builder.startSpan(), parent, invocation);
  }

  private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
    if (value != null && !value.isBlank()) {
      builder.setAttribute(key, value);
    }
  }
}
