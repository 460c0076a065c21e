package org.crossinterp.peer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import junit.framework.Test;

/**
 * The counts per collection and placement, printed and written to {@code
 * target/peer-tests/summary-<placement>.txt}; every failure with its whole stack trace (the
 * console's is trimmed) to {@code target/peer-tests/failures-<placement>.txt}. Each placement runs
 * in one test JVM; its files start afresh with its first record.
 */
final class Summary {
  private static final Path DIR = Path.of("target", "peer-tests");
  private static final Set<String> STARTED = new HashSet<>();

  private Summary() {}

  static synchronized void record(
      String placement, String collection, int run, Map<Test, Throwable> failed, long millis) {
    String line =
        String.format(
            "%-24s %-20s %6d run %6d passed %6d failed %7d ms",
            placement, collection, run, run - failed.size(), failed.size(), millis);
    System.out.println("[peer-tests] " + line);
    StringBuilder failures = new StringBuilder();
    failed.forEach(
        (test, e) -> {
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          failures.append("== ").append(test).append('\n').append(trace).append('\n');
        });
    String file = placement.replace(' ', '-') + ".txt";
    Path summary = DIR.resolve("summary-" + file);
    Path failuresFile = DIR.resolve("failures-" + file);
    try {
      Files.createDirectories(DIR);
      if (STARTED.add(placement)) {
        Files.deleteIfExists(summary);
        Files.deleteIfExists(failuresFile);
      }
      append(summary, line + "\n");
      if (!failed.isEmpty()) {
        append(failuresFile, failures.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
