package dev.tracegate.internal.cdi;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tracegate.StartedTracing;
import dev.tracegate.internal.ApplicationTracing;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On a thread with no CDI container (no Weld runs in this test), the tracing is found by the
 * thread's context class loader, as on a thread an application started itself.
 */
class CurrentApplicationTest {

  @Test
  void aThreadWithoutCdiFindsItsApplicationByContextClassLoaderUntilItStops() {
    ClassLoader applicationLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    ClassLoader otherLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    ApplicationTracing tracing =
        StartedTracing.start("loader-app", Map.of("tracing.random_sampling", "100"));
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try {
      CurrentApplication.register(applicationLoader, tracing);
      thread.setContextClassLoader(applicationLoader);
      assertSame(tracing, CurrentApplication.tracing());
      thread.setContextClassLoader(otherLoader);
      assertSame(ApplicationTracing.DORMANT, CurrentApplication.tracing(), "another application");
      thread.setContextClassLoader(applicationLoader);
      CurrentApplication.unregister(applicationLoader);
      assertSame(ApplicationTracing.DORMANT, CurrentApplication.tracing(), "after it stopped");
    } finally {
      thread.setContextClassLoader(before);
      CurrentApplication.unregister(applicationLoader);
      tracing.shutdown();
    }
  }

  @Test
  void aRequestWithoutCdiOnARegisteredApplicationsLoaderGetsThatApplicationsTracing() {
    ClassLoader applicationLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    ApplicationTracing tracing =
        StartedTracing.start("registered-app", Map.of("tracing.random_sampling", "100"));
    try {
      CurrentApplication.register(applicationLoader, tracing);
      // Not a second tracing started from the loader's configuration for the same application.
      assertSame(tracing, CurrentApplication.tracingOfRequest(applicationLoader));
    } finally {
      CurrentApplication.unregister(applicationLoader);
      tracing.shutdown();
    }
  }
}
