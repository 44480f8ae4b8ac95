package dev.tracegate.serverconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenTelemetry Collector recipes in collector/: valid YAML, OTLP received over gRPC (4317) and
 * HTTP (4318), a batch processor, every pipeline wired to components that are defined, and each
 * backend's exporter given the keys the collector-contrib exporter requires, and no key it does not
 * know (the collector refuses to start on an unknown key).
 */
class CollectorRecipesTest {
  private static final Path RECIPES = Path.of("collector");
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z_][A-Z0-9_]*)");

  // Keys of the exporters' Config structs in opentelemetry-collector-contrib
  // (exporter/awsxrayexporter,
  // exporter/datadogexporter) and of the core otlp exporter, as far as these recipes may use them.
  private static final Set<String> AWSXRAY_KEYS =
      Set.of(
          "region",
          "endpoint",
          "role_arn",
          "external_id",
          "resource_arn",
          "local_mode",
          "no_verify_ssl",
          "proxy_address",
          "num_workers",
          "request_timeout_seconds",
          "max_retries",
          "index_all_attributes",
          "indexed_attributes",
          "aws_log_groups",
          "telemetry",
          "certificate_file_path");
  private static final Set<String> DATADOG_KEYS =
      Set.of(
          "api",
          "hostname",
          "traces",
          "metrics",
          "logs",
          "host_metadata",
          "timeout",
          "retry_on_failure",
          "sending_queue",
          "tls",
          "proxy_url",
          "only_metadata");
  private static final Set<String> DATADOG_API_KEYS = Set.of("key", "site", "fail_on_invalid_key");
  private static final Set<String> OTLP_KEYS =
      Set.of(
          "endpoint",
          "tls",
          "headers",
          "compression",
          "timeout",
          "retry_on_failure",
          "sending_queue",
          "balancer_name",
          "keepalive",
          "auth");

  @Test
  void awsXrayRecipeGivesTheAwsxrayExporterItsRegion() throws IOException {
    Map<String, Object> recipe = recipe("aws-xray");
    assertPipelinesWired(recipe);
    Map<String, Object> awsxray = map(map(recipe, "exporters"), "awsxray");
    assertEquals("${env:AWS_REGION}", awsxray.get("region"));
    assertKnownKeys("awsxray", AWSXRAY_KEYS, awsxray);
    assertEquals(List.of("awsxray"), list(traces(recipe), "exporters"));
  }

  @Test
  void datadogRecipeGivesTheDatadogExporterApiKeyAndSite() throws IOException {
    Map<String, Object> recipe = recipe("datadog");
    assertPipelinesWired(recipe);
    Map<String, Object> datadog = map(map(recipe, "exporters"), "datadog");
    assertKnownKeys("datadog", DATADOG_KEYS, datadog);
    Map<String, Object> api = map(datadog, "api");
    assertKnownKeys("datadog.api", DATADOG_API_KEYS, api);
    assertEquals("${env:DD_API_KEY}", api.get("key"));
    assertEquals("${env:DD_SITE:-datadoghq.com}", api.get("site"));
    // The connector turns spans into APM trace metrics: an exporter of the traces pipeline, a
    // receiver of the metrics one.
    assertTrue(map(recipe, "connectors").containsKey("datadog/connector"));
    assertTrue(
        list(traces(recipe), "exporters").containsAll(List.of("datadog/connector", "datadog")));
    Map<String, Object> metrics = map(map(map(recipe, "service"), "pipelines"), "metrics");
    assertEquals(List.of("datadog/connector"), list(metrics, "receivers"));
    assertEquals(List.of("datadog"), list(metrics, "exporters"));
  }

  @Test
  void jaegerRecipeForwardsOverOtlp() throws IOException {
    Map<String, Object> recipe = recipe("jaeger");
    assertPipelinesWired(recipe);
    Map<String, Object> otlp = map(map(recipe, "exporters"), "otlp/jaeger");
    assertKnownKeys("otlp/jaeger", OTLP_KEYS, otlp);
    assertEquals("${env:JAEGER_OTLP_ENDPOINT}", otlp.get("endpoint"));
    assertEquals(Boolean.TRUE, map(otlp, "tls").get("insecure"));
  }

  @Test
  void everyRecipeIsCheckedHere() throws IOException {
    try (var dirs = Files.list(RECIPES)) {
      assertEquals(
          Set.of("aws-xray", "datadog", "jaeger"),
          Set.copyOf(dirs.map(dir -> dir.getFileName().toString()).toList()),
          "a new recipe needs its test");
    }
  }

  @Test
  void everyEnvironmentVariableARecipeReadsIsDocumentedInItsHeader() throws IOException {
    for (String name : List.of("aws-xray", "datadog", "jaeger")) {
      String text = Files.readString(file(name), StandardCharsets.UTF_8);
      String header =
          text.lines().takeWhile(line -> line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
      Matcher env = ENV.matcher(text.substring(header.length()));
      while (env.find()) {
        assertTrue(
            header.contains(env.group(1)),
            name + ": " + env.group(1) + " is read but not described in the header");
      }
    }
  }

  /**
   * OTLP in on both protocols, batch, and every pipeline naming only components defined above it.
   */
  private static void assertPipelinesWired(Map<String, Object> recipe) {
    Map<String, Object> protocols = map(map(map(recipe, "receivers"), "otlp"), "protocols");
    assertTrue(
        String.valueOf(map(protocols, "grpc").get("endpoint")).endsWith(":4317}"),
        protocols.toString());
    assertTrue(
        String.valueOf(map(protocols, "http").get("endpoint")).endsWith(":4318}"),
        protocols.toString());
    assertTrue(map(recipe, "processors").containsKey("batch"));
    Map<String, Object> traces = traces(recipe);
    assertEquals(List.of("otlp"), list(traces, "receivers"));
    assertEquals(List.of("batch"), list(traces, "processors"));

    Map<String, Object> connectors =
        recipe.get("connectors") == null ? Map.of() : map(recipe, "connectors");
    for (Map.Entry<String, Object> pipeline : map(map(recipe, "service"), "pipelines").entrySet()) {
      assertTrue(
          Set.of("traces", "metrics", "logs").contains(pipeline.getKey().split("/")[0]),
          pipeline.getKey());
      Map<String, Object> wiring = asMap(pipeline.getKey(), pipeline.getValue());
      for (String section : List.of("receivers", "processors", "exporters")) {
        Set<String> defined = new LinkedHashSet<>(map(recipe, section).keySet());
        if (!section.equals("processors")) {
          defined.addAll(connectors.keySet());
        }
        for (String component : list(wiring, section)) {
          assertTrue(
              defined.contains(component),
              pipeline.getKey()
                  + " "
                  + section
                  + " names "
                  + component
                  + ", which is not defined (defined: "
                  + defined
                  + ")");
        }
      }
    }
  }

  private static void assertKnownKeys(
      String component, Set<String> known, Map<String, Object> config) {
    for (String key : config.keySet()) {
      assertTrue(known.contains(key), component + "." + key + " is not a key of that component");
    }
  }

  private static Map<String, Object> recipe(String name) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Object document = yaml.load(Files.readString(file(name), StandardCharsets.UTF_8));
    return asMap(name, document);
  }

  private static Path file(String name) {
    return RECIPES.resolve(name).resolve("otel-collector-config.yaml");
  }

  private static Map<String, Object> traces(Map<String, Object> recipe) {
    return map(map(map(recipe, "service"), "pipelines"), "traces");
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    assertTrue(parent.containsKey(key), "no " + key + " in " + parent.keySet());
    Object value = parent.get(key);
    // An empty component (such as "batch:") is null in YAML: the collector takes its defaults.
    return value == null ? Map.of() : asMap(key, value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(String key, Object value) {
    assertInstanceOf(Map.class, value, key + " is not a mapping");
    return (Map<String, Object>) value;
  }

  private static List<String> list(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      return List.of();
    }
    assertInstanceOf(List.class, value, key + " is not a list");
    List<String> names = new ArrayList<>();
    for (Object item : (List<?>) value) {
      assertNotNull(item, key);
      names.add(item.toString());
    }
    return names;
  }
}
