package org.crossinterp.examples;

import java.util.Objects;

/**
 * What a count found: lines, words, bytes, how often each word starts a line, and how often
 * each word occurs. Immutable; equal totals counted the same words the same number of times.
 *
 * @param lines newline characters, plus one for a last line without one
 * @param words maximal runs of bytes that are not ASCII white space
 * @param bytes bytes counted
 * @param firstWords for each word that starts a line, the number of lines it starts
 * @param wordCounts for each word, the number of times it occurs (their total is {@code words})
 */
record Totals(long lines, long words, long bytes, WordCounts firstWords, WordCounts wordCounts) {
  /** Nothing counted. */
  static final Totals EMPTY = new Totals(0, 0, 0, WordCounts.EMPTY, WordCounts.EMPTY);

  /** Checks that the word counts are there. */
  Totals {
    Objects.requireNonNull(firstWords, "firstWords");
    Objects.requireNonNull(wordCounts, "wordCounts");
  }
}
