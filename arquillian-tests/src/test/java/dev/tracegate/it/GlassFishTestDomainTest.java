package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GlassFish test domains are prepared as docs/servers.md tells users: the {@code domain.xml}
 * lines it shows are those src/test/glassfish/TestDomain.java writes into GlassFish's own domain.
 */
class GlassFishTestDomainTest {
  private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));

  @Test
  void theDomainXmlTheDocsShowIsTheOneTheTestsRunWith(@TempDir Path domain)
      throws IOException, InterruptedException {
    // GlassFish's own domain.xml, unpacked before the tests (pom.xml, execution
    // unpack-glassfish-war); TestDomain leaves it as it would leave it a second time.
    Path unpacked =
        BASEDIR.resolve("target/glassfish-war/glassfish7/glassfish/domains/domain1/config");
    Files.createDirectories(domain.resolve("config"));
    Files.copy(unpacked.resolve("domain.xml"), domain.resolve("config/domain.xml"));
    Process prepare =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                BASEDIR.resolve("src/test/glassfish/TestDomain.java").toString(),
                domain.toString(),
                "40001",
                "40002")
            .inheritIO()
            .start();
    assertTrue(prepare.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, prepare.exitValue());
    List<String> prepared =
        Files.readAllLines(domain.resolve("config/domain.xml")).stream().map(String::trim).toList();

    List<String> shown = docsXmlBlockAfter("**Request headers**");
    int at = prepared.indexOf(shown.get(0));
    assertTrue(at >= 0, "domain.xml has " + shown.get(0));
    assertEquals(shown, prepared.subList(at, at + shown.size()));
    assertFalse(
        prepared.stream()
            .anyMatch(
                line -> line.contains("address=\"0.0.0.0\"") || line.contains("port=\"8686\"")),
        "listeners on 127.0.0.1, JMX on a reserved port");
  }

  /** The trimmed lines of the first xml block in docs/servers.md after {@code marker}. */
  private static List<String> docsXmlBlockAfter(String marker) throws IOException {
    String page = Files.readString(BASEDIR.resolve("../docs/servers.md"));
    Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(block.find(page.indexOf(marker)), "an xml block after " + marker);
    return block.group(1).lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
  }
}
