import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a GlassFish test domain before the Arquillian adapter (which sets the HTTP,
 * HTTPS and admin ports) starts it:
 * <ul>
 *   <li>every listener on 127.0.0.1 only, and the JMX connector, the JMS broker and the IIOP
 *       listener on ports this build reserved, so that builds side by side do not collide;
 *   <li>requests with up to 64 KB of headers, as docs/servers.md tells users (GlassFish's default,
 *       8 KB for all headers together, refuses a request whose baggage alone is at W3C's 8192-byte
 *       limit);
 *   <li>no server.log from an earlier build: GlassFish appends to it at each start, and tests
 *       count the lines a run wrote (Liberty's and WildFly's test servers start with a new log).
 * </ul>
 * Edits tags whatever their attributes' order (GlassFish rewrites the file in its own order once it
 * has run); a second run over the same domain changes nothing. Arguments: the domain's directory, the
 * JMX port, the JMS port, the IIOP port.
 */
public final class TestDomain {
  public static void main(String[] args) throws Exception {
    Path domainXml = Path.of(args[0], "config", "domain.xml");
    String jmxPort = args[1];
    String jmsPort = args[2];
    String iiopPort = args[3];
    String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
    xml = editTags(xml, "network-listener", TestDomain::onLoopback);
    // The plain IIOP listener starts with the domain; the SSL ones only when used.
    xml = editTags(xml, "iiop-listener", tag -> tag.contains("id=\"orb-listener-1\"")
        ? onLoopback(tag).replaceAll(" port=\"\\d+\"", " port=\"" + iiopPort + "\"") : onLoopback(tag));
    xml = editTags(xml, "jmx-connector", tag -> onLoopback(tag).replaceAll(" port=\"\\d+\"", " port=\"" + jmxPort + "\""));
    xml = editTags(xml, "system-property", tag -> tag.contains("name=\"JMS_PROVIDER_PORT\"")
        ? tag.replaceAll(" value=\"\\d+\"", " value=\"" + jmsPort + "\"") : tag);
    xml = editTags(xml, "http", tag -> tag.contains("header-buffer-length-bytes=")
        ? tag : tag.replaceFirst("^<http", "<http header-buffer-length-bytes=\"65536\""));
    Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
    Path logs = Path.of(args[0], "logs");
    if (Files.isDirectory(logs)) {
      try (DirectoryStream<Path> old = Files.newDirectoryStream(logs, "server.log*")) {
        for (Path log : old) {
          Files.delete(log);
        }
      }
    }
  }

  private static String onLoopback(String tag) {
    return tag.contains(" address=\"")
        ? tag.replaceAll(" address=\"[^\"]*\"", " address=\"127.0.0.1\"")
        : tag.replaceFirst("^<(\\S+)", "<$1 address=\"127.0.0.1\"");
  }

  /** Each start tag {@code <name ...>} of the file, edited; there must be one. */
  private static String editTags(String xml, String name, UnaryOperator<String> edit) {
    Matcher tags = Pattern.compile("<" + name + "(\\s[^>]*)?>").matcher(xml);
    StringBuilder edited = new StringBuilder();
    boolean found = false;
    while (tags.find()) {
      found = true;
      tags.appendReplacement(edited, Matcher.quoteReplacement(edit.apply(tags.group())));
    }
    if (!found) {
      throw new IllegalStateException("domain.xml has no <" + name + ">");
    }
    tags.appendTail(edited);
    return edited.toString();
  }
}
