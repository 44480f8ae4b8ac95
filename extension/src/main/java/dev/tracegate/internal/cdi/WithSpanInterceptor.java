package dev.tracegate.internal.cdi;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.mptelemetry.TelemetryBeans;
import dev.tracegate.internal.server.ServerCall;
import dev.tracegate.internal.spans.MethodCache;
import dev.tracegate.internal.spans.SpanAroundCall;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.concurrent.CompletionStage;

/**
 * Records each call of a {@link WithSpan} CDI bean method as a span named {@code value()}, or
 * {@code Class.method} by default, with the {@link SpanAttribute} parameters as attributes. The
 * span is current during the call; a returned {@link CompletionStage} ends it when the stage
 * completes; an exception is recorded and marks the span as an error. Nothing is recorded while the
 * application's tracing is off.
 *
 * <p>{@code @WithSpan} is not itself an interceptor binding, and it cannot be put on a class:
 * {@link #register} declares it a binding and adds it to this class for each application.
 */
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class WithSpanInterceptor {
  private final MethodCache<Traced> tracedMethods = new MethodCache<>();

  /**
   * Declares {@code @WithSpan} an interceptor binding (members ignored) and adds this interceptor.
   */
  public static void register(BeforeBeanDiscovery discovery) {
    discovery
        .configureInterceptorBinding(WithSpan.class)
        .methods()
        .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    discovery
        .addAnnotatedType(WithSpanInterceptor.class, WithSpanInterceptor.class.getName())
        .add(WithSpanBinding.INSTANCE);
  }

  @AroundInvoke
  public Object withSpan(InvocationContext invocation) throws Exception {
    Method method = invocation.getMethod();
    Context current = ServerCall.currentContext();
    ApplicationTracing tracing = CurrentApplication.tracing(current);
    if (method == null || !tracing.enabled()) {
      return invocation.proceed();
    }
    Traced traced = tracedOf(method);
    SpanBuilder builder =
        tracing
            .tracer(TelemetryBeans.INSTRUMENTATION_NAME)
            .spanBuilder(traced.name)
            .setSpanKind(traced.kind)
            .setParent(traced.inheritContext ? current : Context.root());
    Object[] arguments = invocation.getParameters();
    for (int i = 0; i < traced.attributes.length; i++) {
      if (traced.attributes[i] != null
          && arguments != null
          && i < arguments.length
          && arguments[i] != null) {
        setAttribute(builder, traced.attributes[i], arguments[i]);
      }
    }
    return SpanAroundCall.proceed(builder.startSpan(), current, invocation::proceed);
  }

  private static void setAttribute(SpanBuilder builder, String name, Object value) {
    if (value instanceof String text) {
      builder.setAttribute(name, text);
    } else if (value instanceof Boolean flag) {
      builder.setAttribute(name, flag);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      builder.setAttribute(AttributeKey.longKey(name), ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      builder.setAttribute(AttributeKey.doubleKey(name), ((Number) value).doubleValue());
    } else {
      builder.setAttribute(name, String.valueOf(value));
    }
  }

  private Traced tracedOf(Method method) {
    Traced traced = tracedMethods.get(method);
    if (traced == null) {
      traced = Traced.of(method);
      tracedMethods.put(method, traced);
    }
    return traced;
  }

  /**
   * What the annotations of one method say: span name, kind, parent, and the attribute of each
   * parameter.
   */
  private record Traced(String name, SpanKind kind, boolean inheritContext, String[] attributes) {
    static Traced of(Method method) {
      WithSpan withSpan = method.getAnnotation(WithSpan.class);
      String name =
          withSpan == null || withSpan.value().isEmpty()
              ? method.getDeclaringClass().getSimpleName() + "." + method.getName()
              : withSpan.value();
      Parameter[] parameters = method.getParameters();
      String[] attributes = new String[parameters.length];
      for (int i = 0; i < parameters.length; i++) {
        SpanAttribute attribute = parameters[i].getAnnotation(SpanAttribute.class);
        if (attribute != null) {
          attributes[i] =
              !attribute.value().isEmpty()
                  ? attribute.value()
                  : parameters[i].isNamePresent()
                      ? parameters[i].getName()
                      : null; // no name to give it: compiled without -parameters
        }
      }
      return new Traced(
          name,
          withSpan == null ? SpanKind.INTERNAL : withSpan.kind(),
          withSpan == null || withSpan.inheritContext(),
          attributes);
    }
  }

  /** {@code @WithSpan} as the binding of this interceptor. */
  @SuppressWarnings("all")
  static final class WithSpanBinding extends AnnotationLiteral<WithSpan> implements WithSpan {
    static final WithSpanBinding INSTANCE = new WithSpanBinding();
    private static final long serialVersionUID = 1L;

    @Override
    public String value() {
      return "";
    }

    @Override
    public SpanKind kind() {
      return SpanKind.INTERNAL;
    }

    @Override
    public boolean inheritContext() {
      return true;
    }
  }
}
