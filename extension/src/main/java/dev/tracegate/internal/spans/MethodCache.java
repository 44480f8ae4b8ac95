package dev.tracegate.internal.spans;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was worked out once for a method (its route, its agent, its span name), kept for up to 4096
 * methods: an application's classes are few, but a server that loads ever new ones must not grow
 * without bound. Past that, values are worked out again at each call.
 */
public final class MethodCache<V> {
  static final int MAX_METHODS = 4096;

  private final Map<Method, V> values = new ConcurrentHashMap<>();

  /** The value kept for {@code method}, or null. */
  public V get(Method method) {
    return values.get(method);
  }

  /** Keeps {@code value} for {@code method}, replacing an older one; nothing new once full. */
  public void put(Method method, V value) {
    if (values.size() < MAX_METHODS || values.containsKey(method)) {
      values.put(method, value);
    }
  }
}
