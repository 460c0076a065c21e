package org.crossinterp.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark (one parameter combination) of a JMH run.
 *
 * @param benchmark the fully qualified name, e.g. {@code org.crossinterp.benchmarks.Foo.bar}; a
 *     {@code @Group} benchmark is named after its group
 * @param params the {@code @Param} values, empty if none
 * @param mode JMH's mode, e.g. {@code avgt}
 * @param threads the threads that ran it (2 for a producer/consumer group)
 * @param primary the score
 * @param secondary the profilers' and the group methods' figures, by name (e.g. {@code
 *     gc.alloc.rate.norm})
 * @param settings forks, warmup and measurement, e.g. {@code 1 fork(s), warmup 5 x 1 s, ...}
 * @param jvmArgs the forked JVM's options
 * @param percentiles the primary score's percentiles by JMH's key ({@code "50.0"} for the
 *     median), in the primary unit; empty if JMH wrote none
 */
record Figure(
    String benchmark,
    Map<String, String> params,
    String mode,
    int threads,
    Metric primary,
    Map<String, Metric> secondary,
    String settings,
    List<String> jvmArgs,
    Map<String, Double> percentiles) {

  /** JMH's name for the bytes allocated per operation (GC profiler). */
  static final String ALLOC_NORM = "gc.alloc.rate.norm";

  /**
   * The class and method (or group) name, without the package.
   *
   * @return e.g. {@code RoundTripBenchmark.sendRecvRelease}
   */
  String shortName() {
    int method = benchmark.lastIndexOf('.');
    int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
    return benchmark.substring(cls + 1);
  }

  /**
   * The class name, without the package.
   *
   * @return e.g. {@code RoundTripBenchmark}
   */
  String className() {
    String s = shortName();
    int dot = s.indexOf('.');
    return dot < 0 ? s : s.substring(0, dot);
  }

  /**
   * A percentile of the primary score.
   *
   * @param p e.g. 50 for the median
   * @return the value in the primary unit, or empty if JMH did not write it
   */
  Optional<Double> percentile(double p) {
    return Optional.ofNullable(percentiles.get(String.valueOf(p)));
  }

  /**
   * The bytes allocated per operation, if the GC profiler ran.
   *
   * @return the figure, or empty
   */
  Optional<Metric> allocatedPerOp() {
    return Optional.ofNullable(secondary.get(ALLOC_NORM));
  }
}
