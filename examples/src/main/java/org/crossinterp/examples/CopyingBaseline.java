package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.crossinterp.strview.Encoding;

/**
 * The usual way, for comparison: each chunk is copied into a {@code byte[]} and passed through
 * an {@link ArrayBlockingQueue} to K plain worker threads, which count it with the same {@link
 * WordStats} and add the same {@link ChunkReport} per chunk to one {@link Statistics}, which
 * they share under a lock ({@code synchronized}) since it is not thread-safe. Called by the
 * main thread; the threads are joined before it returns.
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
   * @param encoding the text's encoding (how words are decoded when shown)
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
    BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(2 * workers);
    Statistics stats = new Statistics(encoding, bar::advance);
    Worker[] pool = new Worker[workers];
    long start = System.nanoTime();
    for (int i = 0; i < workers; i++) {
      pool[i] = new Worker(queue, stats, encoding);
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
    for (Worker worker : pool) {
      worker.thread.join();
      if (worker.failure != null) {
        throw new IllegalStateException("copying worker failed", worker.failure);
      }
    }
    // join() orders the workers' writes before these reads; no lock needed any more
    long nanos = System.nanoTime() - start;
    Totals totals = stats.finish();
    List<WorkerReport> reports = new ArrayList<>(workers);
    for (Worker worker : pool) {
      String name = worker.thread.getName();
      reports.add(new WorkerReport(name, stats.chunksOf(name)));
    }
    return new RunResult(
        "copying: byte[] via ArrayBlockingQueue", reports, totals, nanos, copied, Map.of());
  }

  /** One worker thread. Its fields are read by the main thread after {@code join()}. */
  private static final class Worker implements Runnable {
    private final BlockingQueue<byte[]> queue;
    private final Statistics shared;
    private final WordStats stats;
    private Thread thread;
    private Throwable failure;

    Worker(BlockingQueue<byte[]> queue, Statistics shared, Encoding encoding) {
      this.queue = queue;
      this.shared = shared;
      this.stats = new WordStats(encoding);
    }

    @Override
    public void run() {
      String name = Thread.currentThread().getName();
      try {
        for (byte[] chunk = queue.take(); chunk != END; chunk = queue.take()) {
          if (failure == null) {
            try {
              count(name, chunk);
            } catch (RuntimeException | Error e) {
              failure = e; // keep taking, so the producer never waits on a full queue
            }
          }
        }
      } catch (InterruptedException e) {
        failure = e;
      }
    }

    private void count(String name, byte[] chunk) {
      stats.add(chunk);
      ChunkReport report = stats.report(name);
      try {
        synchronized (shared) {
          shared.add(report);
        }
      } finally {
        report.release();
      }
    }
  }
}
