package org.crossinterp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a JMH JSON result file ({@code -rf json}): the figures, and the JMH and JDK
 * versions (taken from the first benchmark; one run uses one JMH and one JDK). Settings and fork
 * options may differ between benchmarks and are kept per figure.
 *
 * @param figures every benchmark and parameter combination, in run order
 * @param jmhVersion e.g. {@code 1.37}
 * @param jdkVersion the forked benchmark JVM's {@code java.version}
 * @param vm the forked JVM's name and version
 */
record JmhResults(List<Figure> figures, String jmhVersion, String jdkVersion, String vm) {

  /**
   * Reads a JMH JSON result file.
   *
   * @param file the file JMH wrote with {@code -rf json -rff file}
   * @return its content
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not a JMH JSON result
   */
  static JmhResults read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /**
   * Parses the text of a JMH JSON result.
   *
   * @param json the text
   * @return its content
   * @throws IllegalArgumentException if it is not a JMH JSON result
   */
  static JmhResults parse(String json) {
    if (!(Json.parse(json) instanceof List<?> runs)) {
      throw new IllegalArgumentException(
          "a JMH JSON result is an array of benchmarks; was this file written with -rf json?");
    }
    List<Figure> figures = new ArrayList<>();
    for (Object run : runs) {
      figures.add(figure(map(run, "benchmark entry")));
    }
    if (runs.isEmpty()) {
      return new JmhResults(figures, "?", "?", "?");
    }
    Map<String, Object> first = map(runs.getFirst(), "benchmark entry");
    return new JmhResults(
        List.copyOf(figures),
        String.valueOf(first.get("jmhVersion")),
        String.valueOf(first.get("jdkVersion")),
        first.get("vmName") + " " + first.get("vmVersion"));
  }

  /**
   * The distinct combinations of JMH settings and fork options, each with the benchmark classes
   * that used it, in run order.
   *
   * @return "settings" and "fork options" to class names
   */
  Map<List<String>, List<String>> settingsGroups() {
    Map<List<String>, List<String>> groups = new LinkedHashMap<>();
    for (Figure f : figures) {
      List<String> classes =
          groups.computeIfAbsent(
              List.of(f.settings(), String.join(" ", f.jvmArgs())), k -> new ArrayList<>());
      if (!classes.contains(f.className())) {
        classes.add(f.className());
      }
    }
    return groups;
  }

  /**
   * The figure of a benchmark, by its short name and, if given, one parameter value.
   *
   * @param shortName e.g. {@code RoundTripBenchmark.sendRecvRelease}
   * @param param a parameter name, or null
   * @param value the parameter's value
   * @return the figure, or empty if that benchmark did not run
   */
  Optional<Figure> find(String shortName, String param, String value) {
    return figures.stream()
        .filter(f -> f.shortName().equals(shortName))
        .filter(f -> param == null || value.equals(f.params().get(param)))
        .findFirst();
  }

  private static Figure figure(Map<String, Object> run) {
    Map<String, String> params = new LinkedHashMap<>();
    if (run.get("params") instanceof Map<?, ?> p) {
      p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
    }
    Map<String, Metric> secondary = new LinkedHashMap<>();
    if (run.get("secondaryMetrics") instanceof Map<?, ?> s) {
      s.forEach((k, v) -> secondary.put(String.valueOf(k), metric(map(v, "secondary metric"))));
    }
    List<String> args = new ArrayList<>();
    if (run.get("jvmArgs") instanceof List<?> l) {
      l.forEach(a -> args.add(String.valueOf(a)));
    }
    String mode = String.valueOf(run.get("mode"));
    String settings =
        "ss".equals(mode)
            ? "%s fork(s), warmup %s, measurement %s single shots"
                .formatted(
                    integer(run.get("forks")),
                    integer(run.get("warmupIterations")),
                    integer(run.get("measurementIterations")))
            : "%s fork(s), warmup %s x %s, measurement %s x %s, mode %s"
                .formatted(
                    integer(run.get("forks")),
                    integer(run.get("warmupIterations")),
                    run.get("warmupTime"),
                    integer(run.get("measurementIterations")),
                    run.get("measurementTime"),
                    mode);
    Map<String, Object> primary = map(run.get("primaryMetric"), "primaryMetric");
    Map<String, Double> percentiles = new LinkedHashMap<>();
    if (primary.get("scorePercentiles") instanceof Map<?, ?> pc) {
      pc.forEach((k, v) -> percentiles.put(String.valueOf(k), Json.number(v)));
    }
    return new Figure(
        String.valueOf(run.get("benchmark")),
        Map.copyOf(params),
        mode,
        integer(run.get("threads")),
        metric(primary),
        secondary,
        settings,
        List.copyOf(args),
        Map.copyOf(percentiles));
  }

  private static Metric metric(Map<String, Object> m) {
    return new Metric(
        Json.number(m.get("score")),
        Json.number(m.get("scoreError")),
        String.valueOf(m.get("scoreUnit")));
  }

  private static int integer(Object v) {
    double d = Json.number(v);
    return Double.isNaN(d) ? 0 : (int) d;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v, String what) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(
        "JMH result: expected an object for " + what + ", found " + v
            + "; was this file written by JMH with -rf json?");
  }
}
