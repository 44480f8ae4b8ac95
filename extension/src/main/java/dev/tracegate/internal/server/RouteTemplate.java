package dev.tracegate.internal.server;

import dev.tracegate.internal.spans.HttpSpanConventions;
import dev.tracegate.internal.spans.MethodCache;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The JAX-RS route template of a resource method, such as {@code /orders/{id}}: what names a server
 * span, so span names never carry ids.
 */
public final class RouteTemplate {
  /**
   * {@code {id: [0-9]+}} is named {@code {id}}: the regular expression is not part of the route.
   */
  private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

  private final MethodCache<Route> byMethod = new MethodCache<>();

  /**
   * A resource method's full route under a base path, and the span name it gives requests of one
   * HTTP method ({@code GET /shop/api/orders/{id}}).
   */
  public record Route(String basePath, String path, String httpMethod, String spanName) {
    static Route of(String basePath, String path, String httpMethod) {
      return new Route(
          basePath, path, httpMethod, HttpSpanConventions.methodInName(httpMethod) + " " + path);
    }
  }

  /**
   * The full route of a resource method, {@code /shop/api/orders/{id}}, and its span name; kept per
   * method, since the base path and the HTTP method are the same for nearly every request to it (a
   * HEAD served by a GET method makes a new one).
   */
  public Route route(
      String basePath, String httpMethod, Class<?> resourceClass, Method resourceMethod) {
    Route cached = byMethod.get(resourceMethod);
    if (cached == null
        || !cached.basePath.equals(basePath)
        || !Objects.equals(cached.httpMethod, httpMethod)) {
      String path =
          cached != null && cached.basePath.equals(basePath)
              ? cached.path
              : route(basePath, template(resourceClass, resourceMethod));
      cached = Route.of(basePath, path, httpMethod);
      byMethod.put(resourceMethod, cached);
    }
    return cached;
  }

  /** The template below the application's base path, for example {@code /orders/{id}}. */
  static String template(Class<?> resourceClass, Method resourceMethod) {
    return join(
        path(resourceClass.getAnnotation(Path.class)),
        path(resourceMethod.getAnnotation(Path.class)));
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
