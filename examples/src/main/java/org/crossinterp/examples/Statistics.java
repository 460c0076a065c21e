package org.crossinterp.examples;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.crossinterp.Interpreter;
import org.crossinterp.strview.Encoding;

/**
 * The statistics of one run, owned by the interpreter that creates it (main): the sum of every
 * {@link ChunkReport} the workers send.
 *
 * <p>A plain class, <b>not thread-safe</b>, and it needs no lock in the zero-copy run: the
 * workers reach it through proxies received over an {@code ObjChannel}, and every proxy call
 * switches into main and runs under main's interpreter lock, so the calls come one at a time.
 * (The copying run's plain threads share it under a {@code synchronized} block instead.) Read
 * it only once the workers are done.
 */
final class Statistics implements StatsSink {
  private final Encoding encoding;
  private final LongConsumer progress;
  private final WordTable firstWords = new WordTable();
  private final WordTable wordCounts = new WordTable();
  private final Map<String, Long> chunksByWorker = new LinkedHashMap<>();
  private final Set<Interpreter> ranIn = new LinkedHashSet<>();
  private long lines;
  private long words;
  private long bytes;
  private long reports;
  private boolean finished;

  /**
   * Empty statistics.
   *
   * @param encoding the encoding of the words that will be reported
   * @param progress told the bytes of each chunk reported, e.g. a {@link ProgressBar}
   */
  Statistics(Encoding encoding, LongConsumer progress) {
    this.encoding = encoding;
    this.progress = progress;
  }

  /**
   * Adds one chunk's counts. Runs in main (called through a proxy), or under the caller's lock.
   *
   * @param report the counts; read during this call only
   */
  @Override
  public void add(ChunkReport report) {
    if (finished) {
      throw new IllegalStateException(
          "these statistics were finished and handed over; report into new Statistics");
    }
    CountsText.addTo(report.firstWords(), firstWords);
    CountsText.addTo(report.wordCounts(), wordCounts);
    lines += report.lines();
    words += report.words();
    bytes += report.bytes();
    reports++;
    chunksByWorker.merge(report.worker(), 1L, Long::sum);
    ranIn.add(Interpreter.current());
    progress.accept(report.bytes());
  }

  /**
   * The number of reports received: one per chunk counted.
   *
   * @return the count
   */
  long reports() {
    return reports;
  }

  /**
   * The number of chunks a worker reported.
   *
   * @param worker its name
   * @return its chunks; 0 if it reported none
   */
  long chunksOf(String worker) {
    return chunksByWorker.getOrDefault(worker, 0L);
  }

  /**
   * The interpreters the reports were added in, in order of first appearance: only main when
   * every worker reported through a proxy of a Statistics main created.
   *
   * @return the interpreters
   */
  List<Interpreter> ranIn() {
    return List.copyOf(ranIn);
  }

  /**
   * Ends the statistics and returns everything reported, as immutable totals. The word tables
   * are handed over, not copied (a large text has hundreds of thousands of distinct words), so
   * no report may be added afterwards. Call it once the workers are done.
   *
   * @return the totals
   * @throws IllegalStateException if called twice
   */
  Totals finish() {
    if (finished) {
      throw new IllegalStateException("these statistics were finished already");
    }
    finished = true;
    return new Totals(
        lines,
        words,
        bytes,
        WordCounts.handOver(firstWords, encoding),
        WordCounts.handOver(wordCounts, encoding));
  }
}
