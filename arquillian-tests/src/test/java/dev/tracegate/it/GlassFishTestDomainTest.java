package dev.tracegate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The GlassFish test domains are prepared as docs/servers.md tells users: the {@code <http>}
 * element it shows is the one src/test/glassfish/TestDomain.java leaves in GlassFish's own
 * domain.xml, and every listener is on 127.0.0.1.
 */
class GlassFishTestDomainTest {
  private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

  @Test
  void theHttpElementTheDocsShowIsTheOneTheTestsRunWith(@TempDir Path domain) throws Exception {
    // GlassFish's domain.xml, unpacked before the tests (pom.xml, execution unpack-glassfish-war);
    // TestDomain edits it the same whether it ran on it already or not.
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
                "40002",
                "40003")
            .inheritIO()
            .start();
    assertTrue(prepare.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, prepare.exitValue());

    Element http =
        (Element)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                    "/domain/configs/config[@name='server-config']/network-config/protocols"
                        + "/protocol[@name='http-listener-1']/http",
                    DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(domain.resolve("config/domain.xml").toFile()),
                    XPathConstants.NODE);
    Matcher shown = ATTRIBUTE.matcher(docsHttpElement());
    int attributes = 0;
    while (shown.find()) {
      attributes++;
      assertEquals(shown.group(2), http.getAttribute(shown.group(1)), shown.group(1));
    }
    assertEquals(3, attributes, "the attributes docs/servers.md shows");
    String prepared = Files.readString(domain.resolve("config/domain.xml"));
    assertFalse(prepared.contains("\"0.0.0.0\""), "every listener on 127.0.0.1");
    assertFalse(
        prepared.contains("port=\"8686\"") || prepared.contains("port=\"3700\""),
        "JMX and IIOP on the ports given");
  }

  /** The {@code <http ...>} line of the xml block after "Request headers" in docs/servers.md. */
  private static String docsHttpElement() throws Exception {
    String page = Files.readString(BASEDIR.resolve("../docs/servers.md"));
    Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(block.find(page.indexOf("**Request headers**")), "an xml block on request headers");
    return block
        .group(1)
        .lines()
        .filter(line -> line.trim().startsWith("<http "))
        .findFirst()
        .orElseThrow();
  }
}
