package dev.tracegate.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which OpenTelemetry Tracegate's classes resolve to, and when that copy is one they cannot run on.
 */
class OtherOpenTelemetryTest {
  @TempDir Path dir;

  @Test
  void theOpenTelemetryTracegateIsBuiltWithIsNoProblem() {
    assertEquals(Optional.empty(), OtherOpenTelemetry.problem(OtherOpenTelemetry.class));
  }

  @Test
  void anOlderApiAheadOfTracegatesIsNamedWithItsVersionAndWhereItComesFrom() throws Exception {
    Path older = jarOf("opentelemetry-api-1.29.0.jar", OpenTelemetry.class);

    String problem = problemSeenThrough(older).orElseThrow();

    assertTrue(
        problem.contains(
            "io.opentelemetry.api.OpenTelemetry is OpenTelemetry 1.29.0 from "
                + older.toUri().toURL()),
        problem);
    assertTrue(
        problem.contains("Tracegate needs OpenTelemetry " + OtherOpenTelemetry.OURS + " or newer"),
        problem);
    assertTrue(problem.contains("Remove that copy"), problem);
  }

  @Test
  void aNewerApiAheadOfTracegatesIsNoProblem() throws Exception {
    Path newer = jarOf("opentelemetry-api-9.1.0.jar", OpenTelemetry.class);

    assertEquals(Optional.empty(), problemSeenThrough(newer, location(OpenTelemetrySdk.class)));
  }

  @Test
  void anSdkOfAnotherVersionIsAProblemEvenWhenNewer() throws Exception {
    Path newerSdk = jarOf("opentelemetry-sdk-9.1.0.jar", OpenTelemetrySdk.class);

    String problem = problemSeenThrough(newerSdk, location(OpenTelemetry.class)).orElseThrow();

    assertTrue(
        problem.contains("io.opentelemetry.sdk.OpenTelemetrySdk is OpenTelemetry 9.1.0"), problem);
    assertTrue(
        problem.contains("Tracegate needs OpenTelemetry " + OtherOpenTelemetry.OURS + ". "),
        problem);
  }

  @Test
  void versionsCompareAsNumbers() {
    assertTrue(OtherOpenTelemetry.compare("1.29.0", "1.68.0") < 0);
    assertTrue(OtherOpenTelemetry.compare("1.100.0", "1.68.0") > 0);
    assertEquals(0, OtherOpenTelemetry.compare("1.68.0-alpha", "1.68.0"));
  }

  /** Tracegate's classes in a loader that finds these jars before anything else. */
  private static Optional<String> problemSeenThrough(Path first, URL... rest) throws Exception {
    URL[] urls = new URL[rest.length + 2];
    urls[0] = first.toUri().toURL();
    System.arraycopy(rest, 0, urls, 1, rest.length);
    urls[urls.length - 1] = location(OtherOpenTelemetry.class);
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Class<?> tracegate = loader.loadClass(OtherOpenTelemetry.class.getName());
      @SuppressWarnings("unchecked")
      Optional<String> problem =
          (Optional<String>) tracegate.getMethod("problem", Class.class).invoke(null, tracegate);
      return problem;
    }
  }

  /**
   * A jar with this name, no manifest, holding the class file of this class as OpenTelemetry built
   * it.
   */
  private Path jarOf(String fileName, Class<?> c) throws IOException {
    Path jar = dir.resolve(fileName);
    String entry = c.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
    }
    return jar;
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
