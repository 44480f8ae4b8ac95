package dev.tracegate.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Request paths that get no SERVER span ({@value TracingConfig#EXCLUDE_PATHS}), matched against the
 * path after the context root. A plain entry is a prefix at segment boundaries ({@code /health}
 * covers {@code /health} and {@code /health/live}, not {@code /healthy}); an entry with {@code *}
 * (any characters, {@code /} included) or {@code ?} (one character) is a glob matched against the
 * whole path.
 */
public final class ExcludedPaths {
  /** Health, metrics and OpenAPI endpoints: polled often, and never what anyone wants to trace. */
  public static final String DEFAULT = "/health,/metrics,/openapi";

  /**
   * Written as the value to exclude nothing, since an empty value means "unset" in MicroProfile
   * Config.
   */
  public static final String NONE = "none";

  // Plain entries are compared as strings (every request is checked; a regex match allocates);
  // globs are one pattern, null when there are none.
  private final List<String> prefixes;
  private final Pattern globs;

  private ExcludedPaths(List<String> prefixes, Pattern globs) {
    this.prefixes = prefixes;
    this.globs = globs;
  }

  /**
   * Parses a comma-separated list, or {@value #NONE}.
   *
   * @throws TracingConfigException naming {@value TracingConfig#EXCLUDE_PATHS} and the bad entry
   */
  public static ExcludedPaths parse(String raw) {
    if (raw.trim().equalsIgnoreCase(NONE)) {
      return new ExcludedPaths(List.of(), null);
    }
    List<String> prefixes = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    for (String part : raw.split(",", -1)) {
      String entry = part.trim();
      String problem =
          entry.isEmpty()
              ? "it has an empty entry"
              : !entry.startsWith("/")
                  ? "\"" + entry + "\" does not start with /"
                  : entry.chars().anyMatch(Character::isWhitespace)
                      ? "\"" + entry + "\" contains a space"
                      : null;
      if (problem != null) {
        throw new TracingConfigException(
            TracingConfig.EXCLUDE_PATHS
                + "=\""
                + raw
                + "\" is invalid: "
                + problem
                + " (expected path prefixes or globs after the context root, such as /health,/internal/*, or none)");
      }
      if (entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0) {
        regex.append(regex.length() == 0 ? "" : "|").append(globRegex(entry));
      } else {
        prefixes.add(
            entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry); // "/" becomes ""
      }
    }
    return new ExcludedPaths(
        List.copyOf(prefixes), regex.length() == 0 ? null : Pattern.compile(regex.toString()));
  }

  private static String globRegex(String entry) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : entry.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  /**
   * Whether a request to this path (after the context root, starting with /) gets no SERVER span.
   */
  public boolean matches(String path) {
    for (String prefix : prefixes) {
      // At a segment boundary: /health covers /health and /health/live, not /healthy.
      if (path.startsWith(prefix)
          && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    return globs != null && globs.matcher(path).matches();
  }
}
