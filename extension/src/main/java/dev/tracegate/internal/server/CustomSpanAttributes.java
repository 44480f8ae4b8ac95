package dev.tracegate.internal.server;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operator's own SERVER span attributes: fixed ones from configuration, and request headers
 * with a configured prefix ({@code X-Tenant-Id} with prefix {@code x-} becomes {@code tenant.id}).
 * A header overrides a fixed attribute of the same name. Credentials are never captured, and the
 * number and length of captured header values are bounded so a client cannot bloat spans.
 */
public final class CustomSpanAttributes {
  static final int MAX_HEADER_ATTRIBUTES = 32;
  static final int MAX_VALUE_LENGTH = 256;
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private final List<String> headerPrefixes;
  private final Map<AttributeKey<String>, String> staticAttributes = new LinkedHashMap<>();

  /**
   * @param headerPrefixes lowercased header name prefixes
   * @param staticAttributes values by attribute name
   */
  public CustomSpanAttributes(List<String> headerPrefixes, Map<String, String> staticAttributes) {
    this.headerPrefixes = List.copyOf(headerPrefixes);
    staticAttributes.forEach(
        (name, value) -> this.staticAttributes.put(AttributeKey.stringKey(name), value));
  }

  /**
   * Sets them on a request's SERVER span, after the conventions' attributes, so they may override
   * one.
   */
  void setOn(SpanBuilder span, ServerRequest request) {
    attributesFor(request.request.getHeaders()).forEach(span::setAttribute);
  }

  /**
   * The attributes of a request with these headers: the fixed ones, overridden by captured headers.
   */
  Map<AttributeKey<String>, String> attributesFor(Map<String, List<String>> headers) {
    Map<AttributeKey<String>, String> values = new LinkedHashMap<>(staticAttributes);
    if (!headerPrefixes.isEmpty()) {
      int captured = 0;
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        String attribute = attributeName(header.getKey());
        if (attribute != null && captured < MAX_HEADER_ATTRIBUTES) {
          values.put(
              AttributeKey.stringKey(attribute), bounded(String.join(",", header.getValue())));
          captured++;
        }
      }
    }
    return values;
  }

  /** The attribute a header becomes, or null if it is not captured. */
  String attributeName(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    if (CREDENTIAL_HEADERS.contains(name)) {
      return null;
    }
    for (String prefix : headerPrefixes) {
      if (name.length() > prefix.length() && name.startsWith(prefix)) {
        return name.substring(prefix.length()).replace('-', '.');
      }
    }
    return null;
  }

  private static String bounded(String value) {
    return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
  }
}
