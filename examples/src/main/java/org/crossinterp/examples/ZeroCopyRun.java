package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;

/**
 * The zero-copy way: K worker interpreters receive the chunks as {@link CrossInterpreterView}s
 * over a {@link MemChannel}. Each view is a read-only window on the corpus's own memory (the
 * mapped file or the generated log): no byte is copied to hand a chunk over. Each worker reads
 * its chunk as a {@link StrView} (validated text, still no copy), counts it in place, and
 * releases it as soon as it is counted (which ends that export in main).
 *
 * <p>The workers do not send results back by hand: main sends its {@link Statistics} over an
 * {@link ObjChannel} to each of them, each receives a proxy ({@link StatsSink}), and after each
 * chunk calls {@code add} with a {@link ChunkReport}; the call switches into main and runs
 * there, so the statistics need no lock. A worker releases its proxy when it is done; main reads
 * the statistics once every worker finished.
 *
 * <p>Called by the main thread, which is in the main interpreter, so main is the origin of
 * every export and the owner of the statistics. Afterwards every interpreter involved must have
 * {@code liveShares() == 0}; those that do not are listed in {@link RunResult#sharesLeft()}.
 * The workers are closed before this returns.
 */
final class ZeroCopyRun {
  private ZeroCopyRun() {}

  /**
   * Runs the count, reporting into fresh statistics.
   *
   * @param text the corpus, in memory of a shared arena
   * @param chunks how to cut it ({@link Chunker})
   * @param workers the number of worker interpreters, at least 1
   * @param encoding the text's encoding; every chunk must be valid in it
   * @param bar told each chunk's bytes once counted
   * @return the result
   * @throws Exception if a worker failed (its exception is the cause)
   */
  static RunResult run(
      MemorySegment text,
      List<Chunker.Chunk> chunks,
      int workers,
      Encoding encoding,
      ProgressBar bar)
      throws Exception {
    return run(text, chunks, workers, encoding, new Statistics(encoding, bar::advance));
  }

  /**
   * Runs the count, reporting into {@code stats}.
   *
   * @param text the corpus, in memory of a shared arena
   * @param chunks how to cut it ({@link Chunker})
   * @param workers the number of worker interpreters, at least 1
   * @param encoding the text's encoding; every chunk must be valid in it
   * @param stats where the workers report, created by the calling thread; read it afterwards
   * @return the result
   * @throws Exception if a worker failed (its exception is the cause)
   */
  static RunResult run(
      MemorySegment text,
      List<Chunker.Chunk> chunks,
      int workers,
      Encoding encoding,
      Statistics stats)
      throws Exception {
    List<Interpreter> interpreters = new ArrayList<>(workers);
    // Unbounded: it holds one item per worker, sent before any worker starts.
    ObjChannel sinks = ObjChannel.builder().name("stats").build();
    try {
      for (int i = 1; i <= workers; i++) {
        interpreters.add(Interpreter.create("worker-" + i));
      }
      for (int i = 0; i < workers; i++) {
        sinks.send(stats); // each receiving interpreter gets a proxy; main keeps the object
      }
      // Bounded, so that chunks are handed out as workers are ready rather than all at once;
      // a queued item costs a few dozen bytes, not a chunk.
      MemChannel channel = MemChannel.builder().name("chunks").capacity(2 * workers).build();
      long start = System.nanoTime();
      List<CompletableFuture<Long>> futures = new ArrayList<>(workers);
      for (Interpreter worker : interpreters) {
        CompletableFuture<Long> future = worker.submit(() -> work(channel, sinks, encoding));
        // A failed worker must not leave the sender waiting on a full channel forever.
        future.whenComplete((r, failure) -> {
          if (failure != null) {
            channel.closeNow().forEach(CrossInterpreterView::release);
          }
        });
        futures.add(future);
      }
      try {
        for (Chunker.Chunk chunk : chunks) {
          channel.send(chunk.of(text)); // a view of the same memory: zero bytes copied
        }
        channel.closeSend();
      } catch (ChannelClosedException e) {
        // a worker failed and closed the channel; its exception is reported below
      } catch (RuntimeException | Error | InterruptedException e) {
        // Sending failed here: wake the workers (they finish as on a drained channel) and
        // release what they will not receive, so that closing them below cannot hang.
        channel.closeNow().forEach(CrossInterpreterView::release);
        throw e;
      }
      for (CompletableFuture<Long> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      // Every worker is done: no proxy call can run any more, main may read its statistics.
      long nanos = System.nanoTime() - start; // the counts are merged: main's work is done
      Totals totals = stats.finish();
      List<WorkerReport> reports = new ArrayList<>(workers);
      for (Interpreter worker : interpreters) {
        reports.add(new WorkerReport(worker.name(), stats.chunksOf(worker.name())));
      }
      sinks.closeNow(); // nothing is left in it; closed before counting shares, to be sure
      return new RunResult(
          "zero-copy: MemChannel views", reports, totals, nanos, 0, sharesLeft(interpreters));
    } finally {
      // A worker that failed before receiving its proxy left it queued: received here, at
      // home, it is the statistics object itself and its share in flight is dropped.
      sinks.closeNow();
      for (Interpreter worker : interpreters) {
        worker.close();
      }
    }
  }

  /**
   * A worker: runs on a thread inside its own interpreter until the channel is drained.
   *
   * @return the number of chunks it counted
   */
  private static long work(MemChannel chunks, ObjChannel sinks, Encoding encoding)
      throws InterruptedException {
    StatsSink sink = sinks.recv(StatsSink.class); // a proxy: its calls run in main
    try {
      String name = Interpreter.current().name();
      WordStats stats = new WordStats(encoding);
      long counted = 0;
      while (true) {
        CrossInterpreterView view;
        try {
          view = chunks.recv();
        } catch (ChannelClosedException drained) {
          break;
        }
        StrView text;
        try {
          text = StrView.of(view, encoding); // validates; from now on it owns the view
        } catch (RuntimeException | Error e) {
          view.release();
          throw e;
        }
        try (text) {
          stats.add(text);
        } // released: the export ends in main before the report is sent
        ChunkReport report = stats.report(name);
        try {
          sink.add(report); // switches into main, adds there, switches back
        } finally {
          report.release();
        }
        counted++;
      }
      return counted;
    } finally {
      Proxies.release(sink); // main drops the strong reference it held for this interpreter
    }
  }

  private static Map<String, Long> sharesLeft(List<Interpreter> workers) {
    Map<String, Long> left = new LinkedHashMap<>();
    List<Interpreter> all = new ArrayList<>(workers);
    all.addFirst(Interpreter.main());
    for (Interpreter interpreter : all) {
      long shares = interpreter.liveShares();
      if (shares != 0) {
        left.put(interpreter.name(), shares);
      }
    }
    return left;
  }
}
