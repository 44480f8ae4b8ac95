package dev.tracegate.internal.cdi;

import dev.tracegate.genai.InvokeAgent;
import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.genai.Agent;
import dev.tracegate.internal.genai.AgentSpan;
import dev.tracegate.internal.server.ServerCall;
import dev.tracegate.internal.spans.MethodCache;
import io.opentelemetry.context.Context;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * Records each call of an {@link InvokeAgent} method as an agent span, with the tracing of the
 * application the call belongs to. Enabled for every application by its priority; added to each
 * application by {@link #register} because the jar itself is not a bean archive (it may live in the
 * server's {@code lib/global}).
 */
@InvokeAgent(name = "")
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class InvokeAgentInterceptor {
  static final String INSTRUMENTATION_NAME = "dev.tracegate.genai";
  private static final Agent NOT_DECLARED = new Agent("", "", "", "");

  private final MethodCache<Agent> agents = new MethodCache<>();

  /** Adds the binding and this interceptor to the application being deployed. */
  public static void register(BeforeBeanDiscovery discovery) {
    discovery.addInterceptorBinding(InvokeAgent.class);
    discovery.addAnnotatedType(
        InvokeAgentInterceptor.class, InvokeAgentInterceptor.class.getName());
  }

  @AroundInvoke
  public Object invokeAgent(InvocationContext invocation) throws Exception {
    Context parent = ServerCall.currentContext();
    ApplicationTracing tracing = CurrentApplication.tracing(parent);
    Agent agent = agentOf(invocation);
    if (!tracing.enabled() || agent == NOT_DECLARED) {
      return invocation.proceed();
    }
    return AgentSpan.around(
        tracing.tracer(INSTRUMENTATION_NAME), agent, parent, invocation::proceed);
  }

  private Agent agentOf(InvocationContext invocation) {
    Method method = invocation.getMethod();
    if (method == null) {
      return NOT_DECLARED;
    }
    Agent agent = agents.get(method);
    if (agent == null) {
      agent = Agent.declaredFor(method);
      if (agent == null && invocation.getTarget() != null) {
        // Bound through the bean class (e.g. a subclass of the declaring class carries the
        // annotation).
        InvokeAgent onTarget = invocation.getTarget().getClass().getAnnotation(InvokeAgent.class);
        agent = onTarget == null ? null : Agent.of(onTarget);
      }
      if (agent == null) {
        agent = NOT_DECLARED;
      }
      agents.put(method, agent);
    }
    return agent;
  }
}
