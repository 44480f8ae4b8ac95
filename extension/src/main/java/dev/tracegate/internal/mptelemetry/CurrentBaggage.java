package dev.tracegate.internal.mptelemetry;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The injectable {@link Baggage}: every call reads the baggage current at the time of the call, so
 * a bean injected once always reflects the current baggage, as MicroProfile Telemetry requires.
 */
final class CurrentBaggage implements Baggage {
  static final CurrentBaggage INSTANCE = new CurrentBaggage();

  private CurrentBaggage() {}

  @Override
  public int size() {
    return Baggage.current().size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super BaggageEntry> consumer) {
    Baggage.current().forEach(consumer);
  }

  @Override
  public Map<String, BaggageEntry> asMap() {
    return Baggage.current().asMap();
  }

  @Override
  public String getEntryValue(String entryKey) {
    return Baggage.current().getEntryValue(entryKey);
  }

  @Override
  public BaggageEntry getEntry(String entryKey) {
    return Baggage.current().getEntry(entryKey);
  }

  @Override
  public BaggageBuilder toBuilder() {
    return Baggage.current().toBuilder();
  }

  /** The baggage itself goes into a context, never this view of whatever is current later. */
  @Override
  public Context storeInContext(Context context) {
    return context.with(Baggage.current());
  }

  @Override
  public String toString() {
    return "CurrentBaggage{" + Baggage.current() + "}";
  }
}
