package dev.tracegate.internal.propagation;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP-like headers for unit tests: names case-insensitive, each name may repeat. */
final class Headers {
  final Map<String, List<String>> values = new LinkedHashMap<>();

  static Headers of(String... namesAndValues) {
    Headers headers = new Headers();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      headers
          .values
          .computeIfAbsent(namesAndValues[i].toLowerCase(), name -> new ArrayList<>())
          .add(namesAndValues[i + 1]);
    }
    return headers;
  }

  String single(String name) {
    List<String> all = values.getOrDefault(name, List.of());
    if (all.size() > 1) {
      throw new AssertionError(name + " set more than once: " + all);
    }
    return all.isEmpty() ? null : all.get(0);
  }

  static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          return carrier.values.keySet();
        }

        @Override
        public String get(Headers carrier, String key) {
          List<String> all = carrier.values.get(key.toLowerCase());
          return all == null ? null : String.join(",", all);
        }

        @Override
        public Iterator<String> getAll(Headers carrier, String key) {
          List<String> all = carrier.values.get(key.toLowerCase());
          return all == null ? Collections.emptyIterator() : all.iterator();
        }
      };

  static final TextMapSetter<Headers> SETTER =
      (carrier, key, value) -> {
        List<String> one = new ArrayList<>();
        one.add(value);
        carrier.values.put(key.toLowerCase(), one);
      };
}
