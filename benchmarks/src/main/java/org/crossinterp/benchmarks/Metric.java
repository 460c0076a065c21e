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
   * (first-order propagation for independent measurements). Times per operation in different
   * units are converted first; other units must be the same.
   *
   * @param other the denominator
   * @return the ratio, unitless
   */
  Metric over(Metric other) {
    // times in different units (us/op against ns/op) are compared in the same unit
    double units = unit.equals(other.unit) ? 1 : nanosPer(unit) / nanosPer(other.unit);
    double r = score / other.score * units;
    double rel = Math.hypot(error / score, other.error / other.score);
    return new Metric(r, Math.abs(r) * rel, "");
  }

  /**
   * The score in nanoseconds, for a time per operation.
   *
   * @return the score converted from {@code ns/op}, {@code us/op}, {@code ms/op} or {@code s/op}
   * @throws IllegalStateException if the unit is not a time per operation
   */
  double nanos() {
    return score * nanosPer(unit);
  }

  private static double nanosPer(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default ->
          throw new IllegalStateException(
              "a time per operation was expected, not " + unit + "; run in avgt or ss mode");
    };
  }
}
