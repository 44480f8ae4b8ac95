package dev.tracegate.internal.genai;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The OpenTelemetry GenAI semantic-convention keys Tracegate records on agent spans. They are still
 * "development" status, so they live in {@code opentelemetry-semconv-incubating}, which the drop-in
 * jar does not carry; the names here are those of the conventions' agent spans
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-agent-spans/).
 */
public final class GenAiAttributes {
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_AGENT_NAME =
      AttributeKey.stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> GEN_AI_AGENT_ID =
      AttributeKey.stringKey("gen_ai.agent.id");
  public static final AttributeKey<String> GEN_AI_AGENT_DESCRIPTION =
      AttributeKey.stringKey("gen_ai.agent.description");
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME =
      AttributeKey.stringKey("gen_ai.provider.name");

  /**
   * The {@code gen_ai.operation.name} value of an agent invocation, and the span name's first word.
   */
  public static final String INVOKE_AGENT = "invoke_agent";

  private GenAiAttributes() {}
}
