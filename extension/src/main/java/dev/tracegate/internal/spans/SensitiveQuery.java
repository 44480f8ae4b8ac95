package dev.tracegate.internal.spans;

import java.util.Set;
import java.util.TreeSet;

/**
 * Redacts the values of query parameters that carry credentials, as the OpenTelemetry HTTP semantic
 * conventions require for {@code url.query} and {@code url.full}: signed URLs must not leak into
 * trace backends.
 */
public final class SensitiveQuery {
  /** The conventions' list; matched without regard to case, since servers do. */
  private static final Set<String> SENSITIVE = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    SENSITIVE.addAll(Set.of("AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature"));
  }

  private SensitiveQuery() {}

  /** The raw query with sensitive values replaced by {@code REDACTED}; null stays null. */
  public static String redact(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return rawQuery;
    }
    StringBuilder redacted = null;
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      int equals = rawQuery.indexOf('=', start);
      if (equals >= 0 && equals < end && SENSITIVE.contains(rawQuery.substring(start, equals))) {
        if (redacted == null) {
          redacted = new StringBuilder(rawQuery.length());
          redacted.append(rawQuery, 0, start);
        }
        redacted.append(rawQuery, start, equals + 1).append("REDACTED");
      } else if (redacted != null) {
        redacted.append(rawQuery, start, end);
      }
      if (end < rawQuery.length() && redacted != null) {
        redacted.append('&');
      }
      start = end + 1;
    }
    return redacted == null ? rawQuery : redacted.toString();
  }
}
