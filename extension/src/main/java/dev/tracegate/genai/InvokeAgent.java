package dev.tracegate.genai;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean method (or every business method of a bean) as the invocation of a GenAI agent.
 * Each call is recorded as an INTERNAL span {@code invoke_agent {name}} carrying the OpenTelemetry
 * GenAI semantic-convention attributes ({@code gen_ai.operation.name=invoke_agent}, {@code
 * gen_ai.agent.name}, {@code gen_ai.agent.id}, {@code gen_ai.agent.description}, {@code
 * gen_ai.provider.name}); the span is current during the call, so outbound HTTP calls made by the
 * agent become its children. An exception thrown by the method is recorded and marks the span as an
 * error. Nothing is recorded while the application's tracing is dormant.
 *
 * <pre>{@code
 * @POST
 * @InvokeAgent(name = "Support", id = "support-agent", description = "Resolves technical issues")
 * public Answer handle(Question question) { ... }
 * }</pre>
 *
 * <p>JAX-RS resources are CDI beans on Jakarta EE servers, so resource methods can carry it
 * directly.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface InvokeAgent {
  /** {@code gen_ai.agent.name}: the human-readable name of the agent; also names the span. */
  @Nonbinding
  String name();

  /** {@code gen_ai.agent.id}: the agent's unique id; omitted when empty. */
  @Nonbinding
  String id() default "";

  /** {@code gen_ai.agent.description}: what the agent does; omitted when empty. */
  @Nonbinding
  String description() default "";

  /**
   * {@code gen_ai.provider.name}: the GenAI provider behind the agent, such as {@code openai};
   * omitted when empty.
   */
  @Nonbinding
  String provider() default "";
}
