package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.strview.Encoding;

/**
 * Counts the corpus both ways, round after round, alternating (zero-copy, copying, zero-copy,
 * ...) so that both see the same machine, and keeps each way's fastest round: on a busy
 * machine the best of a few rounds is the least disturbed measurement. Checks every round
 * against the first: same counts both ways, and no share left live. Main thread only.
 */
final class Comparison {
  private Comparison() {}

  /**
   * The fastest round of each way, and whatever went wrong in any round.
   *
   * @param zeroCopy the fastest zero-copy round
   * @param copying the fastest copying round
   * @param rounds how many rounds ran
   * @param problems one line per disagreement or leak; empty when all is well
   */
  record Outcome(RunResult zeroCopy, RunResult copying, int rounds, List<String> problems) {
    /** Copies the list. */
    Outcome {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Runs the rounds.
   *
   * @param text the corpus
   * @param chunks how to cut it
   * @param workers worker interpreters (and copying threads), at least 1
   * @param encoding the text's encoding; every chunk must be valid in it
   * @param rounds rounds, at least 1
   * @param bar told every chunk counted; its total should be {@code 2 * rounds} times the text
   * @return the outcome
   * @throws Exception if a worker failed
   */
  static Outcome run(
      MemorySegment text,
      List<Chunker.Chunk> chunks,
      int workers,
      Encoding encoding,
      int rounds,
      ProgressBar bar)
      throws Exception {
    warmUp(text, chunks, encoding);
    RunResult bestZeroCopy = null;
    RunResult bestCopying = null;
    Totals reference = null;
    List<String> problems = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      RunResult zeroCopy = ZeroCopyRun.run(text, chunks, workers, encoding, bar);
      RunResult copying = CopyingBaseline.run(text, chunks, workers, encoding, bar);
      if (reference == null) {
        reference = zeroCopy.totals();
      }
      for (RunResult r : List.of(zeroCopy, copying)) {
        if (!r.totals().equals(reference)) {
          problems.add("round " + round + ", " + r.method() + ": counted " + summary(r.totals())
              + ", but the first zero-copy round counted " + summary(reference));
        }
        if (!r.sharesLeft().isEmpty()) {
          problems.add("round " + round + ", " + r.method() + ": shares still live after the"
              + " run (interpreter=count): " + r.sharesLeft());
        }
      }
      bestZeroCopy = faster(bestZeroCopy, zeroCopy);
      bestCopying = faster(bestCopying, copying);
    }
    return new Outcome(bestZeroCopy, bestCopying, rounds, problems);
  }

  private static RunResult faster(RunResult best, RunResult next) {
    return best == null || next.nanos() < best.nanos() ? next : best;
  }

  private static String summary(Totals t) {
    return t.lines() + " lines, " + t.words() + " words, " + t.bytes() + " bytes, "
        + t.firstWords().distinct() + " distinct first words, " + t.wordCounts().distinct()
        + " distinct words (top " + t.wordCounts().top(3) + ")";
  }

  /**
   * Counts up to 16 chunks with each of the two counting loops, and reports and merges them,
   * unmeasured, so that the first rounds do not pay for compiling them.
   */
  private static void warmUp(MemorySegment text, List<Chunker.Chunk> chunks, Encoding encoding) {
    WordStats inPlace = new WordStats(encoding);
    WordStats copied = new WordStats(encoding);
    Statistics merged = new Statistics(encoding, bytes -> {});
    for (Chunker.Chunk chunk : chunks.subList(0, Math.min(16, chunks.size()))) {
      inPlace.add(chunk.of(text));
      copied.add(chunk.of(text).toArray(ValueLayout.JAVA_BYTE));
      for (WordStats stats : List.of(inPlace, copied)) {
        ChunkReport report = stats.report("warm-up");
        try {
          merged.add(report);
        } finally {
          report.release();
        }
      }
    }
  }
}
