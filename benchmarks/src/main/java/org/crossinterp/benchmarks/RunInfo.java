package org.crossinterp.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * How the run was made, beyond what JMH's JSON records.
 *
 * @param started when the runner started
 * @param finished when JMH finished
 * @param loadBefore the load average before the first fork
 * @param loadAfter the load average after the last fork
 * @param quick whether this was the short smoke configuration
 */
record RunInfo(Instant started, Instant finished, String loadBefore, String loadAfter,
    boolean quick) {
  /**
   * The wall time of the run.
   *
   * @return finished minus started
   */
  Duration wallTime() {
    return Duration.between(started, finished);
  }

  /**
   * Saves this next to JMH's result, so that the report can be regenerated with it.
   *
   * @param file the properties file to write
   * @throws IOException if it cannot be written
   */
  void save(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("started", started.toString());
    p.setProperty("finished", finished.toString());
    p.setProperty("loadBefore", loadBefore);
    p.setProperty("loadAfter", loadAfter);
    p.setProperty("quick", Boolean.toString(quick));
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, "crossinterp benchmark run");
    }
  }

  /**
   * Reads what {@link #save} wrote.
   *
   * @param file the properties file
   * @return the run information
   * @throws IOException if it cannot be read
   * @throws RuntimeException if it is malformed
   */
  static RunInfo load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return new RunInfo(
        Instant.parse(p.getProperty("started")),
        Instant.parse(p.getProperty("finished")),
        p.getProperty("loadBefore", "unknown"),
        p.getProperty("loadAfter", "unknown"),
        Boolean.parseBoolean(p.getProperty("quick")));
  }

  /**
   * Where {@link RunBenchmarks} saves the run information of a JMH result file.
   *
   * @param json the JMH result file
   * @return a sibling file
   */
  static Path beside(Path json) {
    return json.resolveSibling(json.getFileName() + ".run.properties");
  }
}
