package org.crossinterp.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints the demo's results as plain-text tables. Main thread only; writes nothing but the
 * given stream.
 */
final class Report {
  private Report() {}

  /**
   * Prints the totals, the top first words, the top words, the chunks per worker and the two
   * throughputs.
   *
   * @param out where to print
   * @param corpus what was analysed
   * @param chunks how many chunks it was cut into
   * @param chunkSize the target chunk size
   * @param outcome the fastest round of each way
   * @param top how many first words, and how many words, to list
   */
  static void print(
      PrintWriter out,
      Corpus corpus,
      int chunks,
      long chunkSize,
      Comparison.Outcome outcome,
      int top) {
    RunResult zeroCopy = outcome.zeroCopy();
    RunResult copying = outcome.copying();
    Totals t = zeroCopy.totals();
    out.printf(
        Locale.ROOT,
        "%s: %s in %,d chunks of ~%s, %d worker interpreters%n%n",
        corpus.description(),
        ByteSize.format(corpus.text().byteSize()),
        chunks,
        ByteSize.format(chunkSize),
        zeroCopy.workers().size());

    out.printf(Locale.ROOT, "  %15s %15s %15s%n", "lines", "words", "bytes");
    out.printf(Locale.ROOT, "  %,15d %,15d %,15d%n%n", t.lines(), t.words(), t.bytes());

    printTop(out, "top first words", t.firstWords(), "lines", t.lines(), top);
    printTop(out, "top words", t.wordCounts(), "count", t.words(), top);

    out.printf(Locale.ROOT, "  %-12s %18s %18s%n", "worker", "chunks zero-copy", "chunks copying");
    int rows = Math.max(zeroCopy.workers().size(), copying.workers().size());
    for (int i = 0; i < rows; i++) {
      out.printf(
          Locale.ROOT,
          "  %-12s %18s %18s%n",
          "#" + (i + 1),
          chunksOf(zeroCopy, i),
          chunksOf(copying, i));
    }
    out.println();

    out.printf(
        Locale.ROOT,
        "  %-40s %9s %12s %14s%n",
        "best of " + outcome.rounds() + (outcome.rounds() == 1 ? " round" : " rounds"),
        "time",
        "throughput",
        "bytes copied");
    for (RunResult r : List.of(zeroCopy, copying)) {
      out.printf(
          Locale.ROOT,
          "  %-40s %7.3f s %7.1f MB/s %,14d%n",
          r.method(),
          r.nanos() / 1e9,
          r.megabytesPerSecond(),
          r.bytesCopied());
    }
    double ratio =
        copying.megabytesPerSecond() == 0
            ? Double.NaN
            : zeroCopy.megabytesPerSecond() / copying.megabytesPerSecond();
    out.printf(
        Locale.ROOT,
        "  %-40s %9s %12s%n",
        "zero-copy / copying",
        "",
        Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio));
    out.flush();
  }

  /**
   * One table of the most frequent words: rank, word, count, and share of {@code whole}.
   *
   * @param out where to print
   * @param title what the words are
   * @param counts the words and their counts
   * @param unit the heading of the count column
   * @param whole what the shares are shares of (lines, or all words)
   * @param top how many rows at most
   */
  private static void printTop(
      PrintWriter out, String title, WordCounts counts, String unit, long whole, int top) {
    List<WordCount> rows = counts.top(top);
    if (rows.isEmpty()) {
      return;
    }
    String heading =
        String.format(Locale.ROOT, "%s (of %,d distinct)", title, counts.distinct());
    int width =
        Math.max(
            heading.length() - 4,
            rows.stream().mapToInt(r -> shown(r.word()).length()).max().orElse(0));
    out.printf(Locale.ROOT, "  %-" + (width + 4) + "s %12s %7s%n", heading, unit, "share");
    int rank = 1;
    for (WordCount row : rows) {
      out.printf(
          Locale.ROOT,
          "  %2d. %-" + width + "s %,12d %6.1f%%%n",
          rank++,
          shown(row.word()),
          row.count(),
          100.0 * row.count() / Math.max(1, whole));
    }
    out.println();
  }

  private static String chunksOf(RunResult r, int worker) {
    return worker < r.workers().size()
        ? String.format(Locale.ROOT, "%,d", r.workers().get(worker).chunks())
        : "";
  }

  /** A word as printed: control characters escaped, very long words cut. */
  private static String shown(String word) {
    StringBuilder b = new StringBuilder();
    word.codePoints()
        .limit(40)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    if (word.codePointCount(0, word.length()) > 40) {
      b.append('…');
    }
    return b.toString();
  }
}
