package dev.tracegate.internal.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExcludedPathsTest {

  @Test
  void defaultExcludesHealthMetricsAndOpenApiAndBelow() {
    ExcludedPaths defaults = ExcludedPaths.parse(ExcludedPaths.DEFAULT);
    for (String path :
        new String[] {
          "/health", "/health/live", "/metrics", "/metrics/base/cpu", "/openapi", "/openapi/ui/"
        }) {
      assertTrue(defaults.matches(path), path);
    }
    for (String path : new String[] {"/", "/api/health", "/healthy", "/orders", "/metricsx"}) {
      assertFalse(defaults.matches(path), path);
    }
  }

  @Test
  void plainEntryIsPrefixAtSegmentBoundary() {
    ExcludedPaths excluded = ExcludedPaths.parse("/internal/");
    assertTrue(excluded.matches("/internal"));
    assertTrue(excluded.matches("/internal/jobs/1"));
    assertFalse(excluded.matches("/internals"));
  }

  @Test
  void starMatchesAnyCharactersIncludingSlash() {
    ExcludedPaths excluded = ExcludedPaths.parse("/health*, /api/*/ping");
    assertTrue(excluded.matches("/health"));
    assertTrue(excluded.matches("/healthz"));
    assertTrue(excluded.matches("/health/live"));
    assertTrue(excluded.matches("/api/v1/ping"));
    assertFalse(excluded.matches("/api/v1/ping/more"));
    assertFalse(excluded.matches("/api/health"));
  }

  @Test
  void questionMarkMatchesOneCharacter() {
    ExcludedPaths excluded = ExcludedPaths.parse("/v?/status");
    assertTrue(excluded.matches("/v1/status"));
    assertFalse(excluded.matches("/v10/status"));
  }

  @Test
  void regexCharactersInEntriesAreLiteral() {
    ExcludedPaths excluded = ExcludedPaths.parse("/a.b+(c)");
    assertTrue(excluded.matches("/a.b+(c)"));
    assertFalse(excluded.matches("/aXb+(c)"));
  }

  @Test
  void trailingSlashEntriesAndGlobsTogether() {
    ExcludedPaths excluded = ExcludedPaths.parse("/health/, /api/*/ping");
    assertTrue(excluded.matches("/health"));
    assertTrue(excluded.matches("/health/live"));
    assertFalse(excluded.matches("/healthy"));
    assertTrue(excluded.matches("/api/v1/ping"));
    assertFalse(excluded.matches("/api/v1/pong"));
  }

  @Test
  void slashAloneExcludesEverything() {
    assertTrue(ExcludedPaths.parse("/").matches("/orders/1"));
  }

  @Test
  void noneExcludesNothing() {
    assertFalse(ExcludedPaths.parse("none").matches("/health"));
  }

  @Test
  void badEntriesNameKeyAndEntry() {
    for (String bad : new String[] {"health", "/health,,/metrics", "/a b", "/ok,metrics", " , "}) {
      TracingConfigException e =
          assertThrows(TracingConfigException.class, () -> ExcludedPaths.parse(bad), bad);
      assertTrue(
          e.getMessage().startsWith("tracing.exclude_paths=\"" + bad + "\" is invalid: "),
          e.getMessage());
    }
  }
}
