package dev.tracegate.server;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The JAX-RS route template of a resource method, such as {@code /orders/{id}}: what names a server
 * span, so span names never carry ids.
 */
final class RouteTemplate {
  /** {@code {id: [0-9]+}} is named {@code {id}}: the regular expression is not part of the route. */
  private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");
  private static final int MAX_CACHED = 4096;

  private final Map<Method, String> byMethod = new ConcurrentHashMap<>();

  /** The template below the application's base path, for example {@code /orders/{id}}. */
  String of(Class<?> resourceClass, Method resourceMethod) {
    String template = byMethod.get(resourceMethod);
    if (template == null) {
      template = join(path(resourceClass.getAnnotation(Path.class)), path(resourceMethod.getAnnotation(Path.class)));
      if (byMethod.size() < MAX_CACHED) {
        byMethod.put(resourceMethod, template);
      }
    }
    return template;
  }

  /** The full route: base path (context root and application path) followed by the template. */
  static String route(String basePath, String template) {
    String joined = join(basePath, template);
    return joined.isEmpty() ? "/" : joined;
  }

  private static String path(Path path) {
    return path == null ? "" : PARAMETER_REGEX.matcher(path.value()).replaceAll("{$1}");
  }

  private static String join(String left, String right) {
    StringBuilder joined = new StringBuilder(left.length() + right.length() + 2);
    appendSegment(joined, left);
    appendSegment(joined, right);
    return joined.toString();
  }

  private static void appendSegment(StringBuilder joined, String segment) {
    int start = 0;
    int end = segment.length();
    while (start < end && segment.charAt(start) == '/') {
      start++;
    }
    while (end > start && segment.charAt(end - 1) == '/') {
      end--;
    }
    if (start < end) {
      joined.append('/').append(segment, start, end);
    }
  }
}
