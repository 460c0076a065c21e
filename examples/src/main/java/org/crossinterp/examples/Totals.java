package org.crossinterp.examples;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a count found: lines, words, bytes and how often each first word of a line occurs.
 * Immutable, so it may cross from a worker interpreter to main as it is.
 *
 * @param lines newline characters, plus one for a last line without one
 * @param words maximal runs of bytes that are not ASCII white space
 * @param bytes bytes counted
 * @param firstWords for each word that starts a line, the number of lines it starts
 */
record Totals(long lines, long words, long bytes, Map<String, Long> firstWords) {
  /** Nothing counted. */
  static final Totals EMPTY = new Totals(0, 0, 0, Map.of());

  /** Copies {@code firstWords} into an immutable map. */
  Totals {
    firstWords = Map.copyOf(firstWords);
  }

  /**
   * These totals and {@code other} added up.
   *
   * @param other more totals
   * @return the sum
   */
  Totals plus(Totals other) {
    Map<String, Long> merged = new HashMap<>(firstWords);
    other.firstWords.forEach((word, count) -> merged.merge(word, count, Long::sum));
    return new Totals(lines + other.lines, words + other.words, bytes + other.bytes, merged);
  }

  /**
   * Adds up many totals.
   *
   * @param parts the totals
   * @return their sum; {@link #EMPTY} for none
   */
  static Totals sum(List<Totals> parts) {
    Totals sum = EMPTY;
    for (Totals part : parts) {
      sum = sum.plus(part);
    }
    return sum;
  }

  /**
   * The most frequent first words, most frequent first, ties in word order (so the table is
   * the same every run).
   *
   * @param n how many at most
   * @return up to {@code n} entries
   */
  List<Map.Entry<String, Long>> top(int n) {
    return firstWords.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .toList();
  }
}
