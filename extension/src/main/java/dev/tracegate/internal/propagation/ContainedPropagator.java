package dev.tracegate.internal.propagation;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A propagator from another library (such as {@code xray}) whose failures stay inside it: when it
 * throws, for a bad header or because it was built against another OpenTelemetry version, its
 * header is skipped, the request goes on with the context the other propagators made, and one
 * warning says why.
 */
final class ContainedPropagator implements TextMapPropagator {
  private static final Logger LOG = Logger.getLogger(ContainedPropagator.class.getName());

  private final TextMapPropagator delegate;
  private final AtomicBoolean warned = new AtomicBoolean();

  ContainedPropagator(TextMapPropagator delegate) {
    this.delegate = delegate;
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    try {
      delegate.inject(context, carrier, setter);
    } catch (RuntimeException | LinkageError e) {
      warnOnce("inject", e);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    try {
      return delegate.extract(context, carrier, getter);
    } catch (RuntimeException | LinkageError e) {
      warnOnce("extract", e);
      return context;
    }
  }

  private void warnOnce(String operation, Throwable error) {
    if (warned.compareAndSet(false, true)) {
      // The error's class and the header names only: its message may echo a header value a caller
      // chose.
      LOG.log(
          Level.WARNING,
          "Tracegate: propagator {0} failed to {1} headers {2} ({3}); they are skipped and "
              + "requests go on. Further failures of this propagator are not logged.",
          new Object[] {delegate, operation, delegate.fields(), error.getClass().getName()});
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
