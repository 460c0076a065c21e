package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.strview.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two ways of counting against each other and against one single-threaded count. */
class RunsTest {
  private static final Encoding UTF8 = Encoding.UTF8;

  private static ProgressBar silent() {
    return ProgressBar.start(new PrintWriter(new StringWriter()), "test", 0, false);
  }

  @Test
  @Timeout(
      value = 120,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void zeroCopyAndCopyingAgreeWithASingleCountForManyWorkerCounts() throws Exception {
    try (Corpus corpus = Corpus.generate(1 << 20, 99, n -> {})) {
      WordStats single = new WordStats();
      single.add(corpus.text());
      Totals expected = single.totals();
      List<Chunker.Chunk> chunks = Chunker.split(corpus.text(), 8 << 10);
      for (int workers : new int[] {1, 2, 5, 8}) {
        RunResult zero = ZeroCopyRun.run(corpus.text(), chunks, workers, UTF8, silent());
        RunResult copy = CopyingBaseline.run(corpus.text(), chunks, workers, UTF8, silent());
        assertEquals(expected, zero.totals(), workers + " workers, zero-copy");
        assertEquals(expected, copy.totals(), workers + " workers, copying");
        assertEquals(workers, zero.workers().size());
        assertEquals(chunks.size(),
            zero.workers().stream().mapToLong(WorkerReport::chunks).sum(),
            "every chunk counted exactly once");
        assertEquals(chunks.size(),
            copy.workers().stream().mapToLong(WorkerReport::chunks).sum());
        assertEquals(0, zero.bytesCopied());
        assertEquals(corpus.text().byteSize(), copy.bytesCopied());
        assertEquals(List.of(), List.copyOf(zero.sharesLeft().keySet()));
        assertEquals(0, Interpreter.main().liveShares());
        assertEquals(List.of(Interpreter.main()), Interpreter.listAll(),
            "the workers are closed");
        assertTrue(zero.workers().stream().allMatch(w -> w.worker().startsWith("worker-")));
      }
    }
  }

  @Test
  @Timeout(
      value = 120,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void comparisonKeepsTheFastestRoundOfEachWayAndFindsNoProblem() throws Exception {
    try (Corpus corpus = Corpus.generate(256 << 10, 3, n -> {})) {
      List<Chunker.Chunk> chunks = Chunker.split(corpus.text(), 4 << 10);
      Comparison.Outcome outcome = Comparison.run(corpus.text(), chunks, 3, UTF8, 4, silent());
      assertEquals(List.of(), outcome.problems());
      assertEquals(4, outcome.rounds());
      assertEquals(NaiveCount.of(corpus.text().toArray(ValueLayout.JAVA_BYTE)),
          outcome.zeroCopy().totals());
      assertEquals(outcome.zeroCopy().totals(), outcome.copying().totals());
      assertTrue(outcome.zeroCopy().method().startsWith("zero-copy"));
      assertTrue(outcome.copying().method().startsWith("copying"));
      assertEquals(0, Interpreter.main().liveShares());
      assertEquals(List.of(Interpreter.main()), Interpreter.listAll());
    }
  }

  @Test
  @Timeout(
      value = 60,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFailureWhileHandingOutChunksStopsTheWorkersAndLeaksNothing() {
    try (Corpus corpus = Corpus.generate(64 << 10, 3, n -> {})) {
      List<Chunker.Chunk> chunks = new ArrayList<>(Chunker.split(corpus.text(), 1 << 10));
      long size = corpus.text().byteSize();
      chunks.add(20, new Chunker.Chunk(size - 1, 2)); // past the end: slicing it fails
      assertThrows(IndexOutOfBoundsException.class,
          () -> ZeroCopyRun.run(corpus.text(), chunks, 3, UTF8, silent()));
      assertEquals(0, Interpreter.main().liveShares(), "views sent before the failure released");
      assertEquals(List.of(Interpreter.main()), Interpreter.listAll(), "the workers are closed");
      assertThrows(IndexOutOfBoundsException.class,
          () -> CopyingBaseline.run(corpus.text(), chunks, 3, UTF8, silent()));
      assertTrue(Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().startsWith("copy-worker-") && t.isAlive()),
          "the copying workers are stopped");
    }
  }

  @Test
  @Timeout(
      value = 60,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void noChunksMeansEmptyTotals() throws Exception {
    try (Corpus corpus = Corpus.generate(0, 1, n -> {})) {
      List<Chunker.Chunk> chunks = Chunker.split(corpus.text(), 1024);
      RunResult zero = ZeroCopyRun.run(corpus.text(), chunks, 3, UTF8, silent());
      RunResult copy = CopyingBaseline.run(corpus.text(), chunks, 3, UTF8, silent());
      assertEquals(Totals.EMPTY, zero.totals());
      assertEquals(Totals.EMPTY, copy.totals());
      assertEquals(0, Interpreter.main().liveShares());
    }
  }
}
