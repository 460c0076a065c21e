package org.crossinterp.examples;

import java.util.List;
import java.util.Map;

/**
 * One way of counting the corpus, timed.
 *
 * @param method what was measured, for the report
 * @param workers each worker's report, in worker order
 * @param totals the merged counts
 * @param nanos wall-clock time from the first chunk handed out to the merged result
 * @param bytesCopied bytes copied to hand the chunks to the workers
 * @param sharesLeft interpreters whose {@code liveShares()} was not 0 after the run, by name
 *     (empty when nothing leaked)
 */
record RunResult(
    String method,
    List<WorkerReport> workers,
    Totals totals,
    long nanos,
    long bytesCopied,
    Map<String, Long> sharesLeft) {

  /** Copies the collections. */
  RunResult {
    workers = List.copyOf(workers);
    sharesLeft = Map.copyOf(sharesLeft);
  }

  /**
   * Throughput in MB/s (10^6 bytes per second).
   *
   * @return bytes counted per microsecond; 0 when nothing was counted
   */
  double megabytesPerSecond() {
    return nanos <= 0 ? 0 : totals.bytes() * 1e3 / nanos;
  }
}
