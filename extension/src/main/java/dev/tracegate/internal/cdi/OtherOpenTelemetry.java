package dev.tracegate.internal.cdi;

import io.opentelemetry.sdk.common.internal.OtelVersion;
import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out whether Tracegate's classes resolve the OpenTelemetry API and SDK to a copy that is not
 * the one in Tracegate's jar and that Tracegate cannot run on: a server that offers its own
 * OpenTelemetry to applications ahead of theirs (Payara Micro 6, WildFly's MicroProfile
 * configuration), or an application's own OpenTelemetry jars loaded first. Such a copy fails later
 * with a bare {@code NoSuchMethodError}; this names it instead.
 *
 * <p>Looks classes up by name only, and links against none of them: it must work against any copy.
 */
public final class OtherOpenTelemetry {
  /** The OpenTelemetry Tracegate is built with; a constant, inlined when this class is compiled. */
  public static final String OURS = OtelVersion.VERSION;

  static final String API_CLASS = "io.opentelemetry.api.OpenTelemetry";
  static final String SDK_CLASS = "io.opentelemetry.sdk.OpenTelemetrySdk";
  private static final String SDK_VERSION_CLASS =
      "io.opentelemetry.sdk.common.internal.OtelVersion";
  private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)[^/]*\\.jar$");

  private OtherOpenTelemetry() {}

  /**
   * The problem, as one message naming the other OpenTelemetry, where it comes from and what to do;
   * empty when Tracegate's classes see an OpenTelemetry they run on.
   *
   * @param tracegate a class of Tracegate's: its class loader is the one Tracegate's classes link
   *     through
   */
  public static Optional<String> problem(Class<?> tracegate) {
    URL ourJar = location(tracegate);
    ClassLoader loader = tracegate.getClassLoader();
    Optional<String> api = check(loader, API_CLASS, ourJar, false);
    return api.isPresent() ? api : check(loader, SDK_CLASS, ourJar, true);
  }

  private static Optional<String> check(
      ClassLoader loader, String className, URL ourJar, boolean exactVersion) {
    Class<?> found;
    try {
      found = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of(
          "Tracegate: its own "
              + className
              + " cannot be loaded ("
              + e
              + "); the jar is incomplete or another copy of OpenTelemetry hides part of it. Replace the jar.");
    }
    URL from = location(found);
    if (from != null && from.equals(ourJar)) {
      return Optional.empty();
    }
    String version = version(found, from);
    boolean runsOnIt =
        version != null && (exactVersion ? version.equals(OURS) : compare(version, OURS) >= 0);
    if (runsOnIt) {
      return Optional.empty();
    }
    return Optional.of(
        "Tracegate: this application sees another OpenTelemetry ahead of Tracegate's own: "
            + className
            + " is OpenTelemetry "
            + (version == null ? "of unknown version" : version)
            + " from "
            + (from == null ? "the server's class path" : from)
            + " (class loader "
            + found.getClassLoader()
            + "), and Tracegate needs OpenTelemetry "
            + OURS
            + (exactVersion ? "" : " or newer")
            + ". "
            + "Remove that copy (an application's own OpenTelemetry jars in WEB-INF/lib; a server's OpenTelemetry "
            + "or MicroProfile Telemetry feature), or use the server's own MicroProfile Telemetry instead of Tracegate.");
  }

  /**
   * The version a copy of OpenTelemetry declares: its jar's manifest, its SDK's version constant,
   * or its file name.
   */
  static String version(Class<?> found, URL from) {
    Package p = found.getPackage();
    if (p != null
        && p.getImplementationVersion() != null
        && p.getImplementationVersion().matches("\\d+\\.\\d+\\.\\d+.*")) {
      return p.getImplementationVersion();
    }
    try {
      Class<?> sdkVersion = Class.forName(SDK_VERSION_CLASS, false, found.getClassLoader());
      if (from != null && from.equals(location(sdkVersion))) {
        return (String) sdkVersion.getField("VERSION").get(null);
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // an SDK without the constant, or none beside this API: fall back to the file name
    }
    Matcher m = from == null ? null : JAR_VERSION.matcher(from.toString());
    return m != null && m.find() ? m.group(1) : null;
  }

  /**
   * Compares dotted version numbers (1.29.0 &lt; 1.68.0 &lt; 1.100.0); a suffix such as -alpha is
   * ignored.
   */
  static int compare(String a, String b) {
    String[] x = a.split("[^0-9.]", 2)[0].split("\\.");
    String[] y = b.split("[^0-9.]", 2)[0].split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int part(String[] parts, int i) {
    return i < parts.length && !parts[i].isEmpty() ? Integer.parseInt(parts[i]) : 0;
  }

  private static URL location(Class<?> c) {
    CodeSource source =
        c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
