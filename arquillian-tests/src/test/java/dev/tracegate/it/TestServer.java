package dev.tracegate.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The server under test and how applications reach it: which server it is, the install route
 * (extension jar in the WAR, or installed server-wide), the WARs tests deploy, and the server's own
 * log. Everything that differs between servers lives here, in {@link Kind}.
 */
public final class TestServer {
  private TestServer() {}

  /** The servers the tests run on, and where each keeps what the tests read. */
  public enum Kind {
    /**
     * Open Liberty; server-wide is the server's {@code lib/global}. Async JAX-RS Client calls run
     * on its default executor, which carries no third-party context. Jakarta Concurrency only where
     * {@code concurrent-3.0} is enabled: the run with {@code tracegate.concurrent=true}.
     */
    LIBERTY("logs/messages.log", null, AsyncClientContext.LOST, false),
    /**
     * WildFly with {@code standalone.xml}; server-wide is the global module {@code dev.tracegate}.
     * RESTEasy runs async JAX-RS Client calls on {@code java:comp/DefaultManagedExecutorService},
     * whose default context service runs Tracegate's Jakarta Concurrency {@code
     * ThreadContextProvider}. Jakarta Concurrency is part of {@code standalone.xml} (the {@code ee}
     * subsystem's concurrency services).
     */
    WILDFLY("log/server.log", "log/server.json", AsyncClientContext.CARRIED, true),
    /**
     * GlassFish; server-wide is the domain's {@code lib}. Its log is read only once the server
     * writes it ({@link GlassFishServerLog}). Jersey runs async JAX-RS Client calls on {@code
     * java:comp/DefaultManagedExecutorService}, whose default context service runs the {@code
     * ThreadContextProvider}s the submitting application sees, Tracegate's included.
     */
    GLASSFISH("logs/server.log", null, AsyncClientContext.CARRIED, false);

    private final String log;
    private final String jsonLog;
    private final AsyncClientContext asyncClientContext;
    private final boolean jakartaConcurrency;

    Kind(
        String log,
        String jsonLog,
        AsyncClientContext asyncClientContext,
        boolean jakartaConcurrency) {
      this.log = log;
      this.jsonLog = jsonLog;
      this.asyncClientContext = asyncClientContext;
      this.jakartaConcurrency = jakartaConcurrency;
    }

    /**
     * Whether an {@code async()} call of a {@code ClientBuilder.newClient()} client keeps the
     * caller's context (its CLIENT span a child of the caller's span);
     * docs/microprofile-telemetry.md, "Work on other threads".
     */
    public AsyncClientContext asyncClientContext() {
      return asyncClientContext;
    }

    /**
     * The server's JSON log with each record's per-thread fields (WildFly: the JSON formatter's
     * {@code mdc}), relative to its directory; null where the shared test servers write none
     * (Liberty's JSON log is ServerShutdownIT's own server, GlassFish has no per-thread log
     * fields).
     */
    public String jsonLog() {
      return jsonLog;
    }

    /** The server's log, relative to its directory ({@link #serverDir()}). */
    public String log() {
      return log;
    }
  }

  /**
   * What an async call of a {@code ClientBuilder.newClient()} client has of its caller's context.
   * Liberty, WildFly and GlassFish run such calls on {@code
   * java:comp/DefaultManagedExecutorService}, so on them this is also what a task submitted there
   * has (ConcurrencyIT).
   */
  public enum AsyncClientContext {
    /** The call's filters run in the caller's context: its CLIENT span is the caller's child. */
    CARRIED,
    /** The call runs with no context: its CLIENT span starts a new trace. */
    LOST
  }

  /**
   * The server this run tests (system property {@code tracegate.server}, set per failsafe
   * execution).
   */
  public static Kind kind() {
    return Kind.valueOf(
        System.getProperty("tracegate.server", "liberty").toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Skips the calling test on servers other than Open Liberty; {@code reason} says why it is
   * Liberty's only.
   */
  public static void assumeLiberty(String reason) {
    org.junit.jupiter.api.Assumptions.assumeTrue(kind() == Kind.LIBERTY, reason);
  }

  /**
   * Whether the server under test has Jakarta Concurrency (managed executors an application defines
   * with {@code @ManagedExecutorDefinition}): every WildFly; a Liberty server only in the run that
   * enables {@code concurrent-3.0} (system property {@code tracegate.concurrent}). For JUnit's
   * {@code @EnabledIf}.
   */
  public static boolean jakartaConcurrency() {
    return kind().jakartaConcurrency || Boolean.getBoolean("tracegate.concurrent");
  }

  /** True when the extension jar goes into each WAR; false when the server has it in lib/global. */
  public static boolean extensionInWar() {
    return !"global".equals(System.getProperty("tracegate.install", "war"));
  }

  /**
   * A WAR with the given classes and MicroProfile Config properties, exporting to the shared OTLP
   * receiver quickly so tests need not wait out the batch processor's default delay.
   */
  public static WebArchive war(String name, Map<String, String> config, Class<?>... classes) {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.endpoint", OtlpReceiver.shared().endpoint());
    properties.put("otel.bsp.schedule.delay", "100");
    properties.putAll(
        config); // a test's own value wins; an empty one leaves the key unset, as MP Config defines
    StringBuilder file = new StringBuilder();
    properties.forEach(
        (key, value) -> {
          if (!value.isEmpty()) {
            file.append(key).append('=').append(value).append('\n');
          }
        });
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, name + ".war")
            .addClasses(classes)
            .addAsResource(
                new StringAsset(file.toString()), "META-INF/microprofile-config.properties");
    if (extensionInWar()) {
      war.addAsLibrary(
          new File(
              System.getProperty("tracegate.extension.jar", "target/tracegate-extension.jar")));
    }
    return war;
  }

  /** A WAR whose MicroProfile Config has no tracing key at all. */
  public static WebArchive unconfiguredWar(String name, Class<?>... classes) {
    WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes);
    if (extensionInWar()) {
      war.addAsLibrary(
          new File(
              System.getProperty("tracegate.extension.jar", "target/tracegate-extension.jar")));
    }
    return war;
  }

  /** The server's HTTP port, reserved by the build. */
  public static String httpPort() {
    return System.getProperty("tracegate.http.port");
  }

  /**
   * The base URL of an application deployed from {@code name.war}, for deployments Arquillian does
   * not manage.
   */
  public static String baseUrl(String name) {
    return "http://localhost:" + httpPort() + "/" + name + "/";
  }

  /**
   * The server's directory: wlp/usr/servers/NAME (Liberty), the server base directory (WildFly),
   * the domain (GlassFish).
   */
  public static Path serverDir() {
    return Path.of(System.getProperty("tracegate.server.dir"));
  }

  /** Lines of the server's log that contain all the given fragments, waiting for them. */
  public static List<String> awaitLogLines(Duration timeout, String... fragments) {
    return awaitLogLines(serverDir(), timeout, fragments);
  }

  /**
   * Lines of the log of the server in {@code serverDir} that contain all the given fragments,
   * waiting for them.
   */
  public static List<String> awaitLogLines(Path serverDir, Duration timeout, String... fragments) {
    return awaitLogLines(serverDir, kind().log(), timeout, fragments);
  }

  /**
   * Lines of the log file {@code log} (relative to {@code serverDir}) that contain all the given
   * fragments, waiting for them.
   */
  public static List<String> awaitLogLines(
      Path serverDir, String logFile, Duration timeout, String... fragments) {
    if (kind() == Kind.GLASSFISH) {
      GlassFishServerLog.ensureWritten(serverDir);
    }
    Path log = serverDir.resolve(logFile);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> matching;
    do {
      matching =
          readLog(log).stream()
              .filter(line -> List.of(fragments).stream().allMatch(line::contains))
              .collect(Collectors.toList());
      if (!matching.isEmpty()) {
        return matching;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    return matching;
  }

  private static List<String> readLog(Path log) {
    try {
      return Files.exists(log)
          ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
