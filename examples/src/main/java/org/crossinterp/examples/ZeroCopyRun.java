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

/**
 * The zero-copy way: K worker interpreters receive the chunks as {@link CrossInterpreterView}s
 * over a {@link MemChannel}. Each view is a read-only window on the corpus's own memory (the
 * mapped file or the generated log): no byte is copied to hand a chunk over. Each worker counts
 * its chunks in place, releases each view as soon as it is counted (which ends that export in
 * main), and returns its immutable {@link WorkerReport} to main, which merges them.
 *
 * <p>Called by the main thread, which is in the main interpreter, so main is the origin of
 * every export. Afterwards every interpreter involved must have {@code liveShares() == 0};
 * those that do not are listed in {@link RunResult#sharesLeft()}. The workers are closed before
 * this returns.
 */
final class ZeroCopyRun {
  private ZeroCopyRun() {}

  /**
   * Runs the count.
   *
   * @param text the corpus, in memory of a shared arena
   * @param chunks how to cut it ({@link Chunker})
   * @param workers the number of worker interpreters, at least 1
   * @param bar told each chunk's bytes once counted
   * @return the result
   * @throws Exception if a worker failed (its exception is the cause)
   */
  static RunResult run(MemorySegment text, List<Chunker.Chunk> chunks, int workers, ProgressBar bar)
      throws Exception {
    List<Interpreter> interpreters = new ArrayList<>(workers);
    try {
      for (int i = 1; i <= workers; i++) {
        interpreters.add(Interpreter.create("worker-" + i));
      }
      // Bounded, so that chunks are handed out as workers are ready rather than all at once;
      // a queued item costs a few dozen bytes, not a chunk.
      MemChannel channel = MemChannel.builder().name("chunks").capacity(2 * workers).build();
      long start = System.nanoTime();
      List<CompletableFuture<WorkerReport>> futures = new ArrayList<>(workers);
      for (Interpreter worker : interpreters) {
        CompletableFuture<WorkerReport> future = worker.submit(() -> work(channel, bar));
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
      List<WorkerReport> reports = new ArrayList<>(workers);
      for (CompletableFuture<WorkerReport> future : futures) {
        try {
          reports.add(future.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      Totals totals = Totals.sum(reports.stream().map(WorkerReport::totals).toList());
      long nanos = System.nanoTime() - start;
      return new RunResult(
          "zero-copy: MemChannel views", reports, totals, nanos, 0, sharesLeft(interpreters));
    } finally {
      for (Interpreter worker : interpreters) {
        worker.close();
      }
    }
  }

  /** A worker: runs on a thread inside its own interpreter until the channel is drained. */
  private static WorkerReport work(MemChannel channel, ProgressBar bar)
      throws InterruptedException {
    WordStats stats = new WordStats();
    while (true) {
      CrossInterpreterView view;
      try {
        view = channel.recv();
      } catch (ChannelClosedException drained) {
        break;
      }
      try (view) {
        stats.add(view.segment());
      }
      bar.advance(view.byteSize());
    }
    return new WorkerReport(Interpreter.current().name(), stats.chunks(), stats.totals());
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
