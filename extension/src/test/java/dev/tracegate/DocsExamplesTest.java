package dev.tracegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.config.ExcludedPaths;
import dev.tracegate.internal.config.TracingConfig;
import dev.tracegate.internal.config.TracingConfigException;
import dev.tracegate.internal.sdk.ApplicationSdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's examples, checked against the code: every {@code properties} block of
 * README.md and the other Markdown pages is read as MicroProfile Config reads a {@code
 * microprofile-config.properties} file and goes through Tracegate's configuration (and, where it
 * names no file, the SDK start); docs/configuration.md's key table matches {@link TracingConfig};
 * relative links resolve; {@code mvn} commands name modules and tests that exist.
 *
 * <p>Markers, an HTML comment on the line before a {@code properties} block: {@code <!-- not
 * application configuration -->} (for example Liberty's {@code bootstrap.properties}) skips the
 * configuration checks; {@code <!-- rejected -->} expects the block to fail with the message that
 * the next fenced block shows.
 */
class DocsExamplesTest {
  private static final Path ROOT = Docs.ROOT;
  private static final Pattern FENCE =
      Pattern.compile("(?m)^```(\\w*)[^\\n]*\\n(.*?)^```\\s*$", Pattern.DOTALL);
  private static final Pattern MARKER =
      Pattern.compile("<!--\\s*(not application configuration|rejected)\\b[^>]*-->\\s*$");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern TRACING_KEY =
      Pattern.compile("\\btracing\\.[a-z_]+(?:\\.[a-z_<>]+)*");
  private static final Pattern TABLE_ROW =
      Pattern.compile("(?m)^\\|\\s*`([^`]+)`[^|]*\\|([^|]*)\\|");

  /**
   * Configuration values that name files: the SDK cannot start on a documentation example's paths.
   */
  private static final Pattern FILE_KEY =
      Pattern.compile(
          "otel\\.exporter\\.otlp\\.(traces\\.)?(certificate|client\\.key|client\\.certificate)");

  /**
   * What each Tracegate key is when unset, as {@link TracingConfig} reads an empty configuration.
   */
  private static final Map<String, Function<TracingConfig, String>> DEFAULTS =
      Map.of(
          TracingConfig.RANDOM_SAMPLING,
          c -> c.samplingPercentage().isPresent() ? "" + c.samplingPercentage().getAsInt() : null,
          TracingConfig.INCOMING,
          c -> c.incoming().value(),
          TracingConfig.EXCLUDE_PATHS,
          c -> ExcludedPaths.DEFAULT,
          TracingConfig.HEADER_PREFIXES,
          c -> c.headerPrefixes().isEmpty() ? null : String.join(",", c.headerPrefixes()),
          TracingConfig.STATIC_ATTRIBUTES + "<attribute>",
          c -> c.staticAttributes().isEmpty() ? null : "" + c.staticAttributes(),
          TracingConfig.ID_GENERATOR,
          c -> c.traceIdFormat().value(),
          TracingConfig.LOST_SPANS_LOG_INTERVAL,
          c -> "" + c.lostSpansLogInterval().getSeconds());

  @Test
  void everyPropertiesBlockIsConfigurationTracegateAccepts() {
    List<Block> blocks = blocks("properties");
    assertTrue(blocks.size() >= 5, "properties blocks found: " + blocks);
    for (Block block : blocks) {
      Map<String, String> properties = block.properties();
      properties.forEach(
          (key, value) ->
              assertFalse(
                  value.matches(".*\\s#.*"),
                  block
                      + ": the value of "
                      + key
                      + " ends in a comment, which java.util.Properties keeps in the value: "
                      + value));
      if (block.marker().equals("not application configuration")) {
        continue;
      }
      for (String key : properties.keySet()) {
        assertTrue(
            key.startsWith("otel.") || isTracegateKey(key),
            block + ": " + key + " is neither a Tracegate key nor otel.*");
      }
      if (block.marker().equals("rejected")) {
        TracingConfigException e =
            assertThrows(
                TracingConfigException.class,
                () -> TracingConfig.read(StartedTracing.config(properties)),
                block + " is shown as rejected");
        Block shown = block.next();
        assertTrue(
            shown.text().contains("Tracegate: " + e.getMessage()),
            block
                + ": the message shown after it is not the one Tracegate gives: Tracegate: "
                + e.getMessage());
        continue;
      }
      TracingConfig.read(StartedTracing.config(properties));
      if (properties.keySet().stream().noneMatch(key -> FILE_KEY.matcher(key).matches())) {
        Map<String, String> whole = new HashMap<>(properties);
        if (!whole.containsKey(TracingConfig.RANDOM_SAMPLING)
            && !whole.containsKey(TracingConfig.OTEL_SDK_DISABLED)) {
          whole.put(
              TracingConfig.RANDOM_SAMPLING,
              "100"); // a fragment: started as part of a configuration that traces
        }
        ApplicationTracing tracing = StartedTracing.start("docs", whole);
        try {
          assertTrue(tracing.enabled(), block.toString());
        } finally {
          tracing.shutdown();
        }
      }
    }
  }

  @Test
  void everyTracegateKeyIsInTheConfigurationReferenceWithItsDefault() {
    String table = Docs.section("docs/configuration.md", "## Tracegate's keys");
    table = table.substring(table.indexOf("\n|") + 1, table.lastIndexOf("|\n") + 1);
    assertTrue(
        table.lines().allMatch(line -> line.startsWith("|")),
        "docs/configuration.md's Tracegate table is one table; a line that is not a row splits it:\n"
            + table);
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher row = TABLE_ROW.matcher(table);
    while (row.find()) {
      documented.put(row.group(1), row.group(2).trim());
    }
    assertEquals(
        new TreeSet<>(DEFAULTS.keySet()),
        new TreeSet<>(tracegateKeys()),
        "keys this test knows the default of");
    assertEquals(
        new TreeSet<>(tracegateKeys()),
        new TreeSet<>(documented.keySet()),
        "the rows of docs/configuration.md's Tracegate table (one table: a blank line would split it)");

    TracingConfig unset = TracingConfig.read(StartedTracing.config(Map.of()));
    documented.forEach(
        (key, cell) -> {
          String actual = DEFAULTS.get(key).apply(unset);
          if (actual == null) {
            assertTrue(cell.startsWith("unset"), key + " has no default, the table says: " + cell);
          } else {
            assertEquals("`" + actual + "`", cell, key + "'s default");
          }
        });
  }

  @Test
  void exportBatchDefaultsAreTheOnesTheReferenceStates() {
    String reference = Docs.read("docs/configuration.md");
    Map<String, String> defaults =
        ApplicationSdk.exportBatchDefaults(DefaultConfigProperties.createFromMap(Map.of()));
    for (String key : List.of("otel.bsp.max.queue.size", "otel.bsp.max.export.batch.size")) {
      Matcher row =
          Pattern.compile("(?m)^\\|\\s*`" + Pattern.quote(key) + "`\\s*\\|\\s*`([^`]+)`")
              .matcher(reference);
      assertTrue(row.find(), key + " is in docs/configuration.md");
      assertEquals(defaults.get(key), row.group(1), key + "'s default in docs/configuration.md");
    }
  }

  @Test
  void everyTracingKeyTheDocsMentionExists() {
    for (Path page : Docs.pages()) {
      Matcher key = TRACING_KEY.matcher(Docs.read(page));
      while (key.find()) {
        String name = key.group().replaceFirst("\\.$", "");
        assertTrue(
            isTracegateKey(name)
                || name.equals(TracingConfig.STATIC_ATTRIBUTES + "<attribute>")
                || name.equals("tracing.span_attributes.static"),
            ROOT.relativize(page) + " mentions an unknown key " + name);
      }
    }
  }

  @Test
  void everyClassTheDocsNameExists() {
    Path sources = ROOT.resolve("extension/src/main/java");
    Pattern internalPath = Pattern.compile("`(?:internal/)?((?:[a-z]+/)+)([A-Z]\\w*)`");
    Pattern qualifiedName = Pattern.compile("`(dev\\.tracegate(?:\\.[a-z]+)+)\\.([A-Z]\\w*)`");
    int named = 0;
    for (Path page : Docs.pages()) {
      String text = Docs.read(page);
      for (Matcher m = internalPath.matcher(text); m.find(); named++) {
        Path file = sources.resolve("dev/tracegate/internal/" + m.group(1) + m.group(2) + ".java");
        assertTrue(
            Files.isRegularFile(file),
            ROOT.relativize(page)
                + " names "
                + m.group()
                + ", which is not "
                + ROOT.relativize(file));
      }
      for (Matcher m = qualifiedName.matcher(text); m.find(); named++) {
        Path file = sources.resolve(m.group(1).replace('.', '/') + "/" + m.group(2) + ".java");
        assertTrue(
            Files.isRegularFile(file),
            ROOT.relativize(page)
                + " names "
                + m.group()
                + ", which is not "
                + ROOT.relativize(file));
      }
    }
    assertTrue(named >= 20, "class names found in the docs: " + named);
  }

  @Test
  void spansPageListsTheInstrumentationScopesTheCodeUses() throws ReflectiveOperationException {
    Set<String> inCode = new TreeSet<>();
    for (Class<?> type :
        List.of(
            ApplicationTracing.class,
            dev.tracegate.internal.cdi.InvokeAgentInterceptor.class,
            dev.tracegate.internal.mptelemetry.TelemetryBeans.class)) {
      Field name = type.getDeclaredField("INSTRUMENTATION_NAME");
      name.setAccessible(true);
      inCode.add((String) name.get(null));
    }
    Set<String> onPage = new TreeSet<>();
    Matcher row =
        Pattern.compile(
                "(?m)^\\|[^|\\n]+\\|[^|\\n]+\\|[^|\\n]+\\|\\s*`(dev\\.tracegate[\\w.]*)`\\s*\\|")
            .matcher(Docs.read("docs/spans.md"));
    while (row.find()) {
      onPage.add(row.group(1));
    }
    assertEquals(inCode, onPage, "instrumentation scopes in docs/spans.md's span table");
  }

  @Test
  void relativeLinksResolveToFilesAndHeadings() {
    for (Path page : Docs.pages()) {
      Matcher link = LINK.matcher(withoutFencedBlocks(Docs.read(page)));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        String file = target.replaceFirst("#.*", "");
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        assertTrue(
            Files.exists(resolved),
            ROOT.relativize(page) + " links to " + target + ", which does not exist");
        if (anchor != null && resolved.toString().endsWith(".md")) {
          assertTrue(
              anchors(Docs.read(resolved)).contains(anchor),
              ROOT.relativize(page)
                  + " links to "
                  + target
                  + ", a heading that does not exist in "
                  + ROOT.relativize(resolved));
        }
      }
    }
  }

  @Test
  void mavenCommandsNameModulesAndTestsThatExist() {
    Pattern modules = Pattern.compile("\\s-pl\\s+(\\S+)");
    Pattern itTest = Pattern.compile("-Dit\\.test=([\\w,]+)");
    int commands = 0;
    for (Path page : Docs.pages()) {
      for (String command : mavenCommands(Docs.read(page))) {
        commands++;
        Matcher pl = modules.matcher(command);
        while (pl.find()) {
          for (String module : pl.group(1).split(",")) {
            assertTrue(
                Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml")),
                ROOT.relativize(page) + ": no module " + module + " in: " + command);
          }
        }
        Matcher test = itTest.matcher(command);
        while (test.find()) {
          for (String name : test.group(1).split(",")) {
            assertTrue(
                testClassExists(name),
                ROOT.relativize(page) + ": no test class " + name + " in: " + command);
          }
        }
      }
    }
    assertTrue(commands >= 5, "mvn commands found: " + commands);
  }

  /**
   * A benchmark command in the docs runs a script that exists, with knobs (the {@code NAME=value}
   * before it) that the script reads.
   */
  @Test
  void benchmarkCommandsRunScriptsThatExistWithKnobsTheyRead() {
    Pattern command =
        Pattern.compile(
            "^\\s*((?:[A-Za-z_]+=(?:\"[^\"]*\"|\\S+)\\s+)*)(?:python3\\s+)?(benchmarks/\\S+)");
    Pattern knob = Pattern.compile("([A-Za-z_]+)=");
    int commands = 0;
    for (Path page : Docs.pages()) {
      Matcher fence = FENCE.matcher(Docs.read(page));
      while (fence.find()) {
        if (!fence.group(1).equals("sh")) {
          continue;
        }
        for (String line : fence.group(2).split("\n")) {
          Matcher run = command.matcher(line);
          if (!run.find()) {
            continue;
          }
          commands++;
          Path script = ROOT.resolve(run.group(2));
          assertTrue(
              Files.isRegularFile(script), ROOT.relativize(page) + ": no script in: " + line);
          String text = Docs.read(script);
          Matcher name = knob.matcher(run.group(1).replaceAll("\"[^\"]*\"", ""));
          while (name.find()) {
            // EXTRA_a ... EXTRA_z: the script reads them as EXTRA_<config>.
            boolean perConfiguration =
                name.group(1).matches("EXTRA_[a-z]") && text.contains("EXTRA_<config>");
            assertTrue(
                text.contains(name.group(1)) || perConfiguration,
                ROOT.relativize(page)
                    + ": "
                    + run.group(2)
                    + " reads no "
                    + name.group(1)
                    + " in: "
                    + line);
          }
        }
      }
    }
    assertTrue(commands >= 5, "benchmark commands found: " + commands);
  }

  @Test
  void demoCommandsTheDocsShowAreOnesDemoShKnows() {
    Matcher cases = Pattern.compile("(?m)^  ([a-z]+)\\)").matcher(Docs.read("demo.sh"));
    Set<String> subcommands = new TreeSet<>();
    while (cases.find()) {
      subcommands.add(cases.group(1));
    }
    assertTrue(
        subcommands.containsAll(List.of("start", "stop", "request")),
        "demo.sh's subcommands: " + subcommands);
    Pattern demo = Pattern.compile("\\./demo\\.sh(?: +([a-z]+))?");
    for (Path page : Docs.pages()) {
      Matcher command = demo.matcher(Docs.read(page));
      while (command.find()) {
        String subcommand = command.group(1);
        assertTrue(
            subcommand == null || subcommands.contains(subcommand),
            ROOT.relativize(page)
                + " shows ./demo.sh "
                + subcommand
                + ", which demo.sh does not know");
      }
    }
  }

  /** The WildFly module descriptor users copy is the one the integration tests and TCK install. */
  @Test
  void wildflyModuleDescriptorIsTheOneTheTestsInstall() {
    Matcher shown =
        Pattern.compile(
                "(?s)```xml\\n(\\s*<module xmlns=\"urn:jboss:module.*?</module>)\\s*\\n\\s*```")
            .matcher(Docs.read("docs/servers.md"));
    assertTrue(shown.find(), "docs/servers.md shows a module.xml");
    String installed =
        Docs.read("arquillian-tests/src/test/wildfly/module/module.xml")
            .replaceAll("(?s)<\\?xml.*?\\?>|<!--.*?-->", "");
    assertEquals(
        installed.replaceAll("\\s+", " ").strip(), shown.group(1).replaceAll("\\s+", " ").strip());
  }

  @Test
  void docsSpeakOfTheProjectNotOfTheSessionsThatWroteThem() {
    Pattern narration =
        Pattern.compile(
            "(?i)\\bissue \\d+|\\bthis machine\\b|\\b(mirror|served) here\\b|\\bthis session\\b");
    for (Path page : Docs.pages()) {
      Matcher found = narration.matcher(Docs.read(page));
      assertFalse(
          found.find(),
          () ->
              ROOT.relativize(page)
                  + " says \""
                  + found.group()
                  + "\": docs speak of the project and its users");
    }
  }

  private static boolean isTracegateKey(String key) {
    return tracegateKeys().contains(key)
        || key.startsWith(TracingConfig.STATIC_ATTRIBUTES)
            && key.length() > TracingConfig.STATIC_ATTRIBUTES.length();
  }

  /**
   * The {@code tracing.*} keys {@link TracingConfig} declares; the static attributes as {@code
   * ...static.<attribute>}.
   */
  private static Set<String> tracegateKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Field field : TracingConfig.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && Modifier.isPublic(field.getModifiers())
          && field.getType() == String.class) {
        try {
          String value = (String) field.get(null);
          if (value.startsWith("tracing.")) {
            keys.add(value.endsWith(".") ? value + "<attribute>" : value);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return keys;
  }

  /**
   * The {@code mvn} command lines of {@code sh} blocks and of inline code, continuation lines
   * joined.
   */
  private static List<String> mavenCommands(String markdown) {
    List<String> commands = new ArrayList<>();
    Matcher fence = FENCE.matcher(markdown);
    while (fence.find()) {
      if (fence.group(1).equals("sh")) {
        for (String line : fence.group(2).replace("\\\n", " ").split("\n")) {
          if (line.matches("\\s*(\\w+=\\S+\\s+)*mvn\\s.*")) {
            commands.add(line.replaceFirst("\\s#.*", ""));
          }
        }
      }
    }
    Matcher inline =
        Pattern.compile("`(mvn [^`]+)`").matcher(withoutFencedBlocks(markdown).replace("\n", " "));
    while (inline.find()) {
      commands.add(inline.group(1));
    }
    return commands;
  }

  private static boolean testClassExists(String simpleName) {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.anyMatch(
          file ->
              file.getFileName().toString().equals(simpleName + ".java")
                  && file.toString().contains("src" + java.io.File.separator + "test"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * GitHub's heading anchors: lowercased, punctuation dropped, spaces to hyphens, repeats numbered.
   */
  private static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : withoutFencedBlocks(markdown).split("\n")) {
      if (line.matches("#{1,6} .*")) {
        String slug =
            line.replaceFirst("#+ ", "")
                .trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
    }
    return anchors;
  }

  private static String withoutFencedBlocks(String markdown) {
    return FENCE.matcher(markdown).replaceAll("");
  }

  /** The fenced blocks of one language in every page, in page order. */
  private static List<Block> blocks(String language) {
    List<Block> blocks = new ArrayList<>();
    for (Path page : Docs.pages()) {
      String markdown = Docs.read(page);
      Matcher fence = FENCE.matcher(markdown);
      while (fence.find()) {
        if (fence.group(1).equals(language)) {
          String before = markdown.substring(0, fence.start()).stripTrailing();
          Matcher marker = MARKER.matcher(before.substring(before.lastIndexOf('\n') + 1));
          blocks.add(
              new Block(
                  page,
                  markdown,
                  fence.start(),
                  fence.end(),
                  fence.group(2),
                  marker.find() ? marker.group(1) : ""));
        }
      }
    }
    return blocks;
  }

  /** One fenced block: where it is, its text, and its marker ("" for none). */
  private record Block(Path page, String markdown, int start, int end, String text, String marker) {
    Map<String, String> properties() {
      Properties properties = new Properties();
      try {
        properties.load(new StringReader(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> map = new LinkedHashMap<>();
      properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
      return map;
    }

    /** The fenced block after this one on the same page. */
    Block next() {
      Matcher fence = FENCE.matcher(markdown);
      if (!fence.find(end)) {
        fail(this + " is marked rejected but no block after it shows the message");
      }
      return new Block(page, markdown, fence.start(), fence.end(), fence.group(2), "");
    }

    @Override
    public String toString() {
      long line = markdown.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
      return ROOT.relativize(page) + ":" + line;
    }
  }
}
