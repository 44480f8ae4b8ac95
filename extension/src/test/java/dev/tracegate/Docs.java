package dev.tracegate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository's Markdown pages, for tests that check the docs against the code. */
final class Docs {
  /**
   * The repository root: the nearest directory above the build's that holds README.md and docs/.
   */
  static final Path ROOT = repositoryRoot();

  private Docs() {}

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String page) {
    return read(ROOT.resolve(page));
  }

  /**
   * README.md and every other Markdown page of the repository outside build output and hidden
   * directories.
   */
  static List<Path> pages() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(file -> file.toString().endsWith(".md"))
          .filter(
              file -> {
                for (Path part : ROOT.relativize(file)) {
                  String name = part.toString();
                  if (name.equals("target")
                      || name.startsWith(".")
                      || name.equals("node_modules")) {
                    return false;
                  }
                }
                return true;
              })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a page from a heading line to the next heading of the same or a higher level. */
  static String section(String page, String heading) {
    String markdown = read(page);
    int start = markdown.indexOf(heading + "\n");
    if (start < 0) {
      throw new AssertionError(page + " has no heading " + heading);
    }
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    int end = markdown.indexOf("\n" + level, start + heading.length());
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** The body rows of the first table in a text, each row's cells trimmed. */
  static List<List<String>> tableRows(String text) {
    List<List<String>> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("|")) {
        if (inTable && !line.matches("\\|[-|: ]+\\|")) {
          String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
          rows.add(Arrays.stream(cells).map(String::trim).collect(Collectors.toList()));
        }
        inTable = true;
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md"))
          && Files.isRegularFile(dir.resolve("docs/configuration.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no README.md with docs/ above " + Path.of("").toAbsolutePath());
  }
}
