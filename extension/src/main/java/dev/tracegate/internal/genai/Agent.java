package dev.tracegate.internal.genai;

import dev.tracegate.genai.InvokeAgent;
import java.lang.reflect.Method;

/**
 * The agent an {@link InvokeAgent} annotation describes.
 *
 * @param name {@code gen_ai.agent.name}
 * @param id {@code gen_ai.agent.id}, empty when unknown
 * @param description {@code gen_ai.agent.description}, empty when unknown
 * @param provider {@code gen_ai.provider.name}, empty when unknown
 */
public record Agent(String name, String id, String description, String provider) {

  public static Agent of(InvokeAgent annotation) {
    return new Agent(
        annotation.name(), annotation.id(), annotation.description(), annotation.provider());
  }

  /**
   * The agent a method invokes: the method's own annotation, else that of its class or a
   * superclass. Returns null when neither carries one.
   */
  public static Agent declaredFor(Method method) {
    InvokeAgent onMethod = method.getAnnotation(InvokeAgent.class);
    if (onMethod != null) {
      return of(onMethod);
    }
    // @Inherited makes getAnnotation see a superclass's annotation too.
    InvokeAgent onClass = method.getDeclaringClass().getAnnotation(InvokeAgent.class);
    return onClass == null ? null : of(onClass);
  }

  /** The span name the conventions ask for: {@code invoke_agent {gen_ai.agent.name}}. */
  public String spanName() {
    return name.isBlank()
        ? GenAiAttributes.INVOKE_AGENT
        : GenAiAttributes.INVOKE_AGENT + " " + name;
  }
}
