import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes WildFly's two test configurations from its standalone.xml, with the changes docs/servers.md
 * tells users to make with jboss-cli:
 * <ul>
 *   <li>standalone-tracegate.xml (jar in the WAR): a second log file, log/server.json, written by
 *       WildFly's JSON formatter, which shows the MDC's trace_id and span_id;
 *   <li>standalone-tracegate-global.xml (server-wide): the same, and the ee subsystem lists the module
 *       dev.tracegate in global-modules with services="true".
 * </ul>
 * Argument: the configuration directory.
 */
public final class TestConfigurations {
  private static final String EE = "<subsystem xmlns=\"urn:jboss:domain:ee:6.0\">";
  private static final String GLOBAL = "<global-modules><module name=\"dev.tracegate\" services=\"true\"/></global-modules>";
  private static final String ROOT_HANDLERS = "<handler name=\"FILE\"/>";
  private static final String FORMATTERS = "<formatter name=\"PATTERN\">";
  private static final String JSON_HANDLER = """
      <periodic-rotating-file-handler name="JSON_FILE" autoflush="true">
        <formatter><named-formatter name="JSON"/></formatter>
        <file relative-to="jboss.server.log.dir" path="server.json"/>
        <suffix value=".yyyy-MM-dd"/>
        <append value="true"/>
      </periodic-rotating-file-handler>
      """;
  private static final String JSON_FORMATTER = "<formatter name=\"JSON\"><json-formatter/></formatter>";

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String xml = Files.readString(dir.resolve("standalone.xml"), StandardCharsets.UTF_8);
    String json = replace(xml, ROOT_HANDLERS, ROOT_HANDLERS + "<handler name=\"JSON_FILE\"/>");
    json = replace(json, FORMATTERS, JSON_FORMATTER + FORMATTERS);
    json = replace(json, "<logger category=\"com.arjuna\">", JSON_HANDLER + "<logger category=\"com.arjuna\">");
    Files.writeString(dir.resolve("standalone-tracegate.xml"), json, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("standalone-tracegate-global.xml"), replace(json, EE, EE + GLOBAL), StandardCharsets.UTF_8);
  }

  private static String replace(String xml, String anchor, String replacement) {
    if (!xml.contains(anchor)) {
      throw new IllegalStateException("standalone.xml has no " + anchor);
    }
    return xml.replaceFirst(java.util.regex.Pattern.quote(anchor), java.util.regex.Matcher.quoteReplacement(replacement));
  }
}
