package org.crossinterp.benchmarks;

/**
 * One JMH figure: a score with the half-width of its 99.9 % confidence interval.
 *
 * @param score the mean
 * @param error the half-width of the confidence interval; NaN when JMH had too few samples
 * @param unit JMH's unit, e.g. {@code ns/op} or {@code B/op}
 */
record Metric(double score, double error, String unit) {
  /**
   * This score divided by another one, the error combining both relative errors in quadrature
   * (first-order propagation for independent measurements).
   *
   * @param other the denominator
   * @return the ratio, unitless
   */
  Metric over(Metric other) {
    double r = score / other.score;
    double rel = Math.hypot(error / score, other.error / other.score);
    return new Metric(r, Math.abs(r) * rel, "");
  }
}
