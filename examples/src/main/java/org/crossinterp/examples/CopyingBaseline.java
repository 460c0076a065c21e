package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The usual way, for comparison: each chunk is copied into a {@code byte[]} and passed through
 * an {@link ArrayBlockingQueue} to K plain worker threads, which count it with the same {@link
 * WordStats}. Called by the main thread; the threads are joined before it returns.
 */
final class CopyingBaseline {
  /** Tells a worker that no more chunks come; compared by identity. */
  private static final byte[] END = new byte[0];

  private CopyingBaseline() {}

  /**
   * Runs the count.
   *
   * @param text the corpus
   * @param chunks how to cut it ({@link Chunker})
   * @param workers the number of worker threads, at least 1
   * @param bar told each chunk's bytes once counted
   * @return the result
   * @throws Exception if a worker failed (its exception is the cause)
   */
  static RunResult run(MemorySegment text, List<Chunker.Chunk> chunks, int workers, ProgressBar bar)
      throws Exception {
    BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(2 * workers);
    Worker[] pool = new Worker[workers];
    long start = System.nanoTime();
    for (int i = 0; i < workers; i++) {
      pool[i] = new Worker(queue, bar);
      pool[i].thread = Thread.ofPlatform().name("copy-worker-" + (i + 1)).start(pool[i]);
    }
    long copied = 0;
    try {
      for (Chunker.Chunk chunk : chunks) {
        queue.put(chunk.of(text).toArray(ValueLayout.JAVA_BYTE)); // the copy
        copied += chunk.length();
      }
      for (int i = 0; i < workers; i++) {
        queue.put(END);
      }
    } catch (RuntimeException | Error | InterruptedException e) {
      // Handing out failed here: stop the workers, which would otherwise wait forever.
      for (Worker worker : pool) {
        worker.thread.interrupt();
      }
      for (Worker worker : pool) {
        worker.thread.join();
      }
      throw e;
    }
    List<WorkerReport> reports = new ArrayList<>(workers);
    for (Worker worker : pool) {
      worker.thread.join();
      if (worker.failure != null) {
        throw new IllegalStateException("copying worker failed", worker.failure);
      }
      reports.add(worker.report);
    }
    Totals totals = Totals.sum(reports.stream().map(WorkerReport::totals).toList());
    long nanos = System.nanoTime() - start;
    return new RunResult(
        "copying: byte[] via ArrayBlockingQueue", reports, totals, nanos, copied, Map.of());
  }

  /** One worker thread. Its fields are read by the main thread after {@code join()}. */
  private static final class Worker implements Runnable {
    private final BlockingQueue<byte[]> queue;
    private final ProgressBar bar;
    private Thread thread;
    private WorkerReport report;
    private Throwable failure;

    Worker(BlockingQueue<byte[]> queue, ProgressBar bar) {
      this.queue = queue;
      this.bar = bar;
    }

    @Override
    public void run() {
      WordStats stats = new WordStats();
      try {
        for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
          if (failure == null) {
            try {
              stats.add(chunk);
            } catch (RuntimeException | Error e) {
              failure = e; // keep taking, so the producer never waits on a full queue
            }
          }
          bar.advance(chunk.length);
        }
      } catch (InterruptedException e) {
        failure = e;
        return;
      }
      if (failure == null) {
        report = new WorkerReport(Thread.currentThread().getName(), stats.chunks(), stats.totals());
      }
    }
  }
}
