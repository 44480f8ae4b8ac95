import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a GlassFish test domain's domain.xml before the Arquillian adapter (which sets the HTTP,
 * HTTPS and admin ports) starts it:
 * <ul>
 *   <li>every listener on 127.0.0.1 only, and the JMX connector and the JMS broker on ports this
 *       build reserved, so that builds side by side do not collide;
 *   <li>requests with up to 64 KB of headers, as docs/servers.md tells users (GlassFish's default,
 *       8 KB for all headers together, refuses a request whose baggage alone is at W3C's 8192-byte
 *       limit).
 * </ul>
 * Repeatable: a second run over the same domain changes nothing. Arguments: the domain's directory,
 * the JMX port, the JMS port.
 */
public final class TestDomain {
  public static void main(String[] args) throws Exception {
    Path domainXml = Path.of(args[0], "config", "domain.xml");
    String jmxPort = args[1];
    String jmsPort = args[2];
    String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
    xml = xml.replaceAll("<network-listener (?!address=)", "<network-listener address=\"127.0.0.1\" ");
    xml = xml.replace("<iiop-listener address=\"0.0.0.0\"", "<iiop-listener address=\"127.0.0.1\"");
    xml = xml.replace("<jmx-connector address=\"0.0.0.0\"", "<jmx-connector address=\"127.0.0.1\"");
    xml = replaceAll(xml, "(<jmx-connector address=\"127.0.0.1\" port=\")\\d+\"", "$1" + jmxPort + "\"");
    // The domain's own value; default-config, the template for new instances, keeps ${...} ports.
    xml = replaceAll(xml, "(<system-property name=\"JMS_PROVIDER_PORT\" [^>]*value=\")\\d+\"",
        "$1" + jmsPort + "\"");
    xml = xml.replaceAll("<http (?!header-buffer-length-bytes=)", "<http header-buffer-length-bytes=\"65536\" ");
    Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
  }

  private static String replaceAll(String xml, String regex, String replacement) {
    Matcher matcher = Pattern.compile(regex).matcher(xml);
    if (!matcher.find()) {
      throw new IllegalStateException("domain.xml has no " + regex);
    }
    return matcher.replaceAll(replacement);
  }
}
