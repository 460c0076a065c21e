package org.crossinterp.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds JMH-shaped JSON results for the report's tests (the fields JMH 1.37 writes). */
final class JmhJson {
  private final List<String> entries = new ArrayList<>();

  /** Adds a benchmark; {@code alloc} is the GC profiler's B/op, or null without the profiler. */
  JmhJson add(String shortName, String payload, double score, Object error, Double alloc) {
    return add(shortName, payload == null ? Map.of() : Map.of("payloadBytes", payload), "avgt",
        "ns/op", score, error, alloc);
  }

  /**
   * Adds a benchmark with any parameters, mode and unit; its percentiles are 0.5, 0.9, 1.5 and
   * 2 times the score at 0, 50, 90 and 100.
   */
  JmhJson add(String shortName, Map<String, String> params, String mode, String unit,
      double score, Object error, Double alloc) {
    StringBuilder p = new StringBuilder();
    if (!params.isEmpty()) {
      p.append("\"params\": {");
      params.forEach((k, v) -> p.append('"').append(k).append("\": \"").append(v).append("\","));
      p.setLength(p.length() - 1);
      p.append("},");
    }
    String secondary =
        alloc == null
            ? "{}"
            : """
              {"gc.alloc.rate": {"score": 100.0, "scoreError": 1.0, "scoreUnit": "MB/sec"},
               "gc.alloc.rate.norm": {"score": %s, "scoreError": 0.5, "scoreUnit": "B/op",
                  "rawData": [[1.0, 2.0]]}}"""
                .formatted(num(alloc));
    String err = error instanceof String s ? "\"" + s + "\"" : num(((Number) error).doubleValue());
    boolean ss = "ss".equals(mode);
    entries.add(
        """
        {"jmhVersion": "1.37", "benchmark": "org.crossinterp.benchmarks.%s", "mode": "%s",
         "threads": 1, "forks": %d, "jvm": "/usr/lib/jvm/jdk-25/bin/java",
         "jvmArgs": %s, "jdkVersion": "25.0.3",
         "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25.0.3+9-LTS",
         "warmupIterations": %d, "warmupTime": "%s", "warmupBatchSize": 1,
         "measurementIterations": %d, "measurementTime": "%s", "measurementBatchSize": 1,
         %s
         "primaryMetric": {"score": %s, "scoreError": %s, "scoreConfidence": [0.0, 1.0],
            "scorePercentiles": {"0.0": %s, "50.0": %s, "90.0": %s, "100.0": %s},
            "scoreUnit": "%s",
            "rawData": [[1.0, 2.0, 3.0]]},
         "secondaryMetrics": %s}"""
            .formatted(shortName, mode, ss ? 2 : 1,
                shortName.startsWith("RoundTrip") || shortName.startsWith("CopyVs")
                        || shortName.startsWith("HandOff")
                    ? "[\"-Xms1g\", \"-Xmx1g\"]"
                    : "[\"-Xms256m\", \"-Xmx256m\"]",
                ss ? 40 : 5, ss ? "single-shot" : "1 s", ss ? 150 : 10, ss ? "single-shot" : "1 s",
                p, num(score), err, num(score / 2), num(score * 0.9), num(score * 1.5),
                num(score * 2), unit, secondary));
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

  /**
   * The S1, P1 and P2 benchmarks. S1 times are in us/op, for both texts alike: {@code
   * firstUse} StrView and String, {@code hash} StrView and String, {@code eq} StrView and
   * String. P1 and P2 in ns/op but the first-class time, in us/op.
   */
  JmhJson addNew(double firstView, double firstString, double hashView, double hashString,
      double eqView, double eqString, double proxyCall, double lockedCall, double reflectCall,
      double firstClassMicros, double newInstance, double lookupNewInstance) {
    for (String text : new String[] {"ascii", "mixed"}) {
      Map<String, String> t = Map.of("text", text);
      add("StrViewBenchmark.firstUseStrView", t, "avgt", "us/op", firstView, 1.0, 100.0);
      add("StrViewBenchmark.firstUseString", t, "avgt", "us/op", firstString, 1.0, 1048600.0);
      add("StrViewBenchmark.hashCodeStrView", t, "avgt", "us/op", hashView, 1.0, 100.0);
      add("StrViewBenchmark.hashCodeString", t, "avgt", "us/op", hashString, 1.0, 100.0);
      add("StrViewBenchmark.equalsStrView", t, "avgt", "us/op", eqView, 1.0, 0.0);
      add("StrViewBenchmark.equalsString", t, "avgt", "us/op", eqString, 1.0, 0.0);
      add("StrViewBenchmark.contentEqualsStrView", t, "avgt", "us/op", 3 * eqString, 1.0, 0.0);
      add("StrViewBenchmark.charAtScanStrView", t, "avgt", "us/op", 800, 1.0, 0.0);
      add("StrViewBenchmark.charAtScanString", t, "avgt", "us/op", 400, 1.0, 0.0);
    }
    add("ProxyCallBenchmark.proxyCallInsideB", Map.of(), "avgt", "ns/op", proxyCall, 1.0, 64.0);
    add("ProxyCallBenchmark.lockedDirectCallInsideB", Map.of(), "avgt", "ns/op", lockedCall, 1.0, 0.0);
    add("ProxyCallBenchmark.reflectProxyCallInsideB", Map.of(), "avgt", "ns/op", reflectCall, 1.0, 0.0);
    add("ProxyCallBenchmark.retainRelease", Map.of(), "avgt", "ns/op", 30, 1.0, 0.0);
    add("ProxyClassBenchmark.newInterface", Map.of(), "ss", "us/op", firstClassMicros, 100.0, 9000.0);
    add("ProxyClassBenchmark.coldJvm", Map.of(), "ss", "us/op", 150_000, 9000.0, 9000.0);
    add("ProxyGenBenchmark.newInstanceCached", Map.of(), "avgt", "ns/op", newInstance, 1.0, 16.0);
    add("ProxyGenBenchmark.lookupAndNewInstance", Map.of(), "avgt", "ns/op", lookupNewInstance, 1.0, 16.0);
    add("ProxyGenBenchmark.callGeneratedProxy", Map.of(), "avgt", "ns/op", 12, 1.0, 0.0);
    add("ProxyGenBenchmark.callDirect", Map.of(), "avgt", "ns/op", 1.5, 0.1, 0.0);
    return this;
  }

  @Override
  public String toString() {
    return "[" + String.join(",\n", entries) + "]";
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
