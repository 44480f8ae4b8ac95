package dev.tracegate.internal.mptelemetry;

import dev.tracegate.internal.server.ServerCall;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The injectable {@link Baggage}: every call reads the baggage current at the time of the call, so
 * a bean injected once always reflects the current baggage, as MicroProfile Telemetry requires;
 * never the baggage of an async request already answered on this thread ({@link
 * ServerCall#currentContext}).
 */
final class CurrentBaggage implements Baggage {
  static final CurrentBaggage INSTANCE = new CurrentBaggage();

  private CurrentBaggage() {}

  private static Baggage current() {
    return Baggage.fromContext(ServerCall.currentContext());
  }

  @Override
  public int size() {
    return current().size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super BaggageEntry> consumer) {
    current().forEach(consumer);
  }

  @Override
  public Map<String, BaggageEntry> asMap() {
    return current().asMap();
  }

  @Override
  public String getEntryValue(String entryKey) {
    return current().getEntryValue(entryKey);
  }

  @Override
  public BaggageEntry getEntry(String entryKey) {
    return current().getEntry(entryKey);
  }

  @Override
  public BaggageBuilder toBuilder() {
    return current().toBuilder();
  }

  /** The baggage itself goes into a context, never this view of whatever is current later. */
  @Override
  public Context storeInContext(Context context) {
    return context.with(current());
  }

  @Override
  public String toString() {
    return "CurrentBaggage{" + current() + "}";
  }
}
