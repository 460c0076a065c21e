package org.crossinterp.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds JMH-shaped JSON results for the report's tests (the fields JMH 1.37 writes). */
final class JmhJson {
  private final List<String> entries = new ArrayList<>();

  /** Adds a benchmark; {@code alloc} is the GC profiler's B/op, or null without the profiler. */
  JmhJson add(String shortName, String payload, double score, Object error, Double alloc) {
    String params = payload == null ? "" : "\"params\": {\"payloadBytes\": \"" + payload + "\"},";
    String secondary =
        alloc == null
            ? "{}"
            : """
              {"gc.alloc.rate": {"score": 100.0, "scoreError": 1.0, "scoreUnit": "MB/sec"},
               "gc.alloc.rate.norm": {"score": %s, "scoreError": 0.5, "scoreUnit": "B/op",
                  "rawData": [[1.0, 2.0]]}}"""
                .formatted(num(alloc));
    String err = error instanceof String s ? "\"" + s + "\"" : num(((Number) error).doubleValue());
    entries.add(
        """
        {"jmhVersion": "1.37", "benchmark": "org.crossinterp.benchmarks.%s", "mode": "avgt",
         "threads": 1, "forks": 1, "jvm": "/usr/lib/jvm/jdk-25/bin/java",
         "jvmArgs": ["-Xms1g", "-Xmx1g"], "jdkVersion": "25.0.3",
         "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25.0.3+9-LTS",
         "warmupIterations": 5, "warmupTime": "1 s", "warmupBatchSize": 1,
         "measurementIterations": 10, "measurementTime": "1 s", "measurementBatchSize": 1,
         %s
         "primaryMetric": {"score": %s, "scoreError": %s, "scoreConfidence": [0.0, 1.0],
            "scorePercentiles": {"0.0": 1.0, "100.0": 2.0}, "scoreUnit": "ns/op",
            "rawData": [[1.0, 2.0, 3.0]]},
         "secondaryMetrics": %s}"""
            .formatted(shortName, params, num(score), err, secondary));
    return this;
  }

  /** A complete run of the module's benchmarks with the given M1..M4 inputs. */
  static JmhJson full(double small, double large, double mem1m, double copy1m, double handOff,
      double raw, double allocSmall, double allocLarge) {
    return new JmhJson()
        .add(Targets.ROUND_TRIP, "64", small, 10.0, allocSmall)
        .add(Targets.ROUND_TRIP, "16777216", large, 10.0, allocLarge)
        .add("CopyVsZeroCopyBenchmark.memChannel", null, mem1m, 10.0, 300.0)
        .add("CopyVsZeroCopyBenchmark.arrayBlockingQueueCopy", null, copy1m, 1000.0, 1048592.0)
        .add("HandOffBenchmark.memChannel", null, handOff, 5.0, 150.0)
        .add("HandOffBenchmark.jctools", null, raw, 1.0, 0.0);
  }

  @Override
  public String toString() {
    return "[" + String.join(",\n", entries) + "]";
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
