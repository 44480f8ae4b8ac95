import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Decides the TCK's outcome from TestNG's testng-results.xml: every test of the suite ran, and the
 * tests that failed are exactly those listed, with their reason, in known-failures.txt. A new failure
 * fails the build, and so does a listed test that passes (the list must then shrink), so the list
 * can never hide a regression or outlive its reason.
 *
 * <p>Usage: {@code java TckResults.java <testng-results.xml> <known-failures.txt> <expected test count>}
 */
public class TckResults {
  public static void main(String[] args) throws Exception {
    Path results = Path.of(args[0]);
    Path knownFailures = Path.of(args[1]);
    String listName = knownFailures.getFileName().toString();
    Set<String> known = Files.readAllLines(knownFailures).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split("\\s+", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
    int expected = Integer.parseInt(args[2]);
    if (!Files.exists(results)) {
      fail("no TestNG results at " + results + ": the TCK did not run");
    }

    Set<String> failed = new TreeSet<>();
    Set<String> passed = new TreeSet<>();
    NodeList classes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(results.toFile())
        .getElementsByTagName("class");
    for (int c = 0; c < classes.getLength(); c++) {
      Element testClass = (Element) classes.item(c);
      NodeList methods = testClass.getElementsByTagName("test-method");
      for (int m = 0; m < methods.getLength(); m++) {
        Element method = (Element) methods.item(m);
        if ("true".equals(method.getAttribute("is-config"))) {
          continue;
        }
        String name = testClass.getAttribute("name") + "#" + method.getAttribute("name");
        (("PASS".equals(method.getAttribute("status"))) ? passed : failed).add(name);
      }
    }

    int ran = passed.size() + failed.size();
    System.out.printf("Tracegate TCK check: %d of %d tests ran, %d passed, %d failed%n", ran, expected, passed.size(), failed.size());
    List<String> problems = new ArrayList<>();
    if (ran != expected) {
      problems.add(ran + " tests ran, " + expected + " expected");
    }
    for (String test : failed) {
      System.out.println((known.contains(test) ? "  known failure (" + listName + "): " : "  NEW FAILURE: ") + test);
      if (!known.contains(test)) {
        problems.add("new failure " + test);
      }
    }
    for (String test : known) {
      if (passed.contains(test)) {
        problems.add(test + " now passes: remove it from " + listName);
      } else if (!failed.contains(test)) {
        problems.add(test + " is listed in " + listName + " but did not run");
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("; ", problems));
    }
  }

  private static void fail(String message) {
    System.err.println("Tracegate TCK check FAILED: " + message);
    System.exit(1);
  }
}
