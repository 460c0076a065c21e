package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.objchannel.Shareables;
import org.crossinterp.strview.Encoding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Workers report into main's Statistics through proxies received over an ObjChannel. */
class StatisticsProxyTest {
  private static ChunkReport reportOf(String worker, String text) {
    WordStats stats = new WordStats();
    stats.add(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return stats.report(worker);
  }

  @AfterEach
  void nothingLeftOpenOrShared() {
    assertEquals(List.of(Interpreter.main()), Interpreter.listAll(), "interpreters left open");
    assertEquals(0, Interpreter.main().liveShares(), "shares left in main");
  }

  @Test
  void aChunkReportCrossesAsItIs() {
    ChunkReport report = reportOf("w", "one two\ntwo\n");
    try {
      assertTrue(Shareables.isShareable(report), "a record of a String, longs and StrViews");
      assertTrue(Shareables.isShareableType(ChunkReport.class));
      assertTrue(Shareables.isShareable(report.wordCounts()));
      assertFalse(Shareables.isShareable(new Statistics(Encoding.UTF8, n -> {})),
          "the statistics are mutable: they cross as a proxy");
    } finally {
      report.release();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWorkerGetsAProxyOwnedByMainAndItsReportIsAddedInMain() throws Exception {
    Statistics stats = new Statistics(Encoding.UTF8, n -> {});
    ObjChannel sinks = ObjChannel.create();
    try (Interpreter worker = Interpreter.create("reporting-worker")) {
      sinks.send(stats);
      assertEquals(1, Interpreter.main().liveShares(), "the proxy in flight pins the statistics");
      worker.call(() -> {
        StatsSink sink = sinks.recv(StatsSink.class);
        assertTrue(Proxies.isProxy(sink), "the worker holds a proxy, not main's object");
        assertSame(Interpreter.main(), Proxies.owner(sink));
        assertEquals(1, Interpreter.main().liveShares(), "one strong reference for this worker");
        ChunkReport report = reportOf(Interpreter.current().name(), "GET / 200\nGET /x 404\n");
        try {
          sink.add(report);
        } finally {
          report.release();
        }
        Proxies.release(sink);
        return null;
      });
      assertEquals(0, Interpreter.main().liveShares(), "released: main dropped its reference");
      assertEquals(0, worker.liveShares());
    }
    assertEquals(1, stats.reports());
    assertEquals(List.of(Interpreter.main()), stats.ranIn(), "the call ran in main");
    assertEquals(1, stats.chunksOf("reporting-worker"));
    Totals t = stats.finish();
    assertEquals(2, t.lines());
    assertEquals(6, t.words());
    assertEquals(2L, t.wordCounts().count("GET"));
    assertEquals(2L, t.firstWords().count("GET"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theZeroCopyRunAddsExactlyOneReportPerChunkInMain() throws Exception {
    try (Corpus corpus = Corpus.generate(256 << 10, 11, n -> {})) {
      List<Chunker.Chunk> chunks = Chunker.split(corpus.text(), 3 << 10);
      WordStats single = new WordStats();
      single.add(corpus.text());
      for (int workers : new int[] {1, 4}) {
        Statistics stats = new Statistics(Encoding.UTF8, n -> {});
        RunResult r = ZeroCopyRun.run(corpus.text(), chunks, workers, Encoding.UTF8, stats);
        assertEquals(chunks.size(), stats.reports(), "one report per chunk");
        assertEquals(List.of(Interpreter.main()), stats.ranIn(),
            "every report was added in main, through a proxy");
        assertEquals(chunks.size(), r.workers().stream().mapToLong(WorkerReport::chunks).sum());
        assertEquals(single.totals(), r.totals());
        assertEquals(List.of(), List.copyOf(r.sharesLeft().keySet()));
        assertThrows(IllegalStateException.class, () -> stats.add(reportOf("late", "x\n")),
            "the statistics were handed over to the totals");
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void manyInterpretersReportingAtOnceLoseNothingWithoutALock() throws Exception {
    // Statistics has no lock of its own: main's interpreter lock makes the proxy calls take
    // turns. Were they concurrent, counts would be lost (or a table corrupted).
    int interpreters = 8;
    int reportsEach = 150;
    Statistics stats = new Statistics(Encoding.UTF8, n -> {});
    ObjChannel sinks = ObjChannel.create();
    List<Interpreter> workers = new ArrayList<>();
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < interpreters; i++) {
        Interpreter worker = Interpreter.create("reporter-" + i);
        workers.add(worker);
        sinks.send(stats);
        done.add(worker.submit(() -> {
          StatsSink sink = sinks.recv(StatsSink.class);
          try {
            String name = Interpreter.current().name();
            for (int k = 0; k < reportsEach; k++) {
              ChunkReport report = reportOf(name, "shared " + name + " w" + (k % 7) + "\n");
              try {
                sink.add(report);
              } finally {
                report.release();
              }
            }
          } finally {
            Proxies.release(sink);
          }
          return null;
        }));
      }
      for (CompletableFuture<Void> f : done) {
        f.get();
      }
      for (Interpreter worker : workers) {
        assertEquals(0, worker.liveShares(), worker.name());
      }
    } finally {
      for (Interpreter worker : workers) {
        worker.close();
      }
    }
    long all = (long) interpreters * reportsEach;
    assertEquals(all, stats.reports());
    for (int i = 0; i < interpreters; i++) {
      assertEquals(reportsEach, stats.chunksOf("reporter-" + i));
    }
    Totals t = stats.finish();
    assertEquals(all, t.lines());
    assertEquals(3 * all, t.words());
    assertEquals(all, t.wordCounts().count("shared"));
    assertEquals(all, t.firstWords().count("shared"));
    assertEquals(reportsEach, t.wordCounts().count("reporter-3"));
    assertEquals(1 + interpreters + 7, t.wordCounts().distinct());
  }

  @Test
  void theCopyingRunSharesTheSameStatisticsUnderALock() throws Exception {
    try (Corpus corpus = Corpus.generate(128 << 10, 5, n -> {})) {
      List<Chunker.Chunk> chunks = Chunker.split(corpus.text(), 2 << 10);
      RunResult r = CopyingBaseline.run(corpus.text(), chunks, 4, Encoding.UTF8,
          ProgressBar.start(new PrintWriter(new StringWriter()), "t", 0, false));
      assertEquals(chunks.size(), r.workers().stream().mapToLong(WorkerReport::chunks).sum());
      WordStats single = new WordStats();
      single.add(corpus.text());
      assertEquals(single.totals(), r.totals());
    }
  }
}
