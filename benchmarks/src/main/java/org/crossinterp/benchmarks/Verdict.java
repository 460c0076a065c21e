package org.crossinterp.benchmarks;

/**
 * How one DESIGN.md section 8 target fared.
 *
 * @param id e.g. {@code M1}
 * @param what what is compared
 * @param measured the figures and the ratio, formatted
 * @param target the target, formatted
 * @param status the outcome
 */
record Verdict(String id, String what, String measured, String target, Status status) {
  /** The outcome of a target. */
  enum Status {
    /** The point estimate meets the target. */
    PASS,
    /** The point estimate misses the target. */
    MISS,
    /** A benchmark the target needs did not run (filtered out, or no GC profiler for M4). */
    NOT_RUN
  }
}
