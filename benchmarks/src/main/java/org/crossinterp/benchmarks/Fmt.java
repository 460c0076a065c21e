package org.crossinterp.benchmarks;

import java.util.Locale;

/** Number formatting for the report: about three significant digits, no locale surprises. */
final class Fmt {
  private Fmt() {}

  /**
   * A number with about three significant digits.
   *
   * @param v the number
   * @return e.g. {@code 1234}, {@code 12.3}, {@code 1.23}, {@code 0.0123}; {@code n/a} for NaN
   */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    String f;
    if (a >= 100 || a == 0) {
      f = "%.0f";
    } else if (a >= 10) {
      f = "%.1f";
    } else if (a >= 1) {
      f = "%.2f";
    } else {
      f = "%.3g";
    }
    return String.format(Locale.ROOT, f, v);
  }

  /**
   * A score with its error and unit.
   *
   * @param m the figure
   * @return e.g. {@code 123 ± 4.5 ns/op}
   */
  static String metric(Metric m) {
    return num(m.score()) + " ± " + num(m.error()) + (m.unit().isEmpty() ? "" : " " + m.unit());
  }
}
