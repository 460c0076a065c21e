package org.crossinterp.examples;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A one-line progress bar on standard error, redrawn every tenth of a second by its own daemon
 * thread, shown only once a phase has run for a second (short phases stay silent).
 *
 * <p>{@link #advance} may be called from any thread, cheaply (a {@link LongAdder}); {@link
 * #close()} by the thread that started the bar. A disabled bar ({@code --quiet}, or standard
 * error not a terminal) has no thread and draws nothing.
 */
final class ProgressBar implements AutoCloseable {
  private static final long DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final LongAdder done = new LongAdder();
  private final long start = System.nanoTime();
  private final Thread painter;
  private int drawn; // length of the line last drawn; the painter's until close() joins it

  private ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.painter =
        enabled ? Thread.ofPlatform().daemon().name("progress-bar").start(this::paint) : null;
  }

  /**
   * Starts a bar for one phase.
   *
   * @param err where to draw
   * @param label what the phase is, e.g. {@code zero-copy}
   * @param total the amount of work, in bytes
   * @param enabled false for a bar that never draws
   * @return the bar; close it when the phase ends
   */
  static ProgressBar start(PrintWriter err, String label, long total, boolean enabled) {
    return new ProgressBar(err, label, total, enabled);
  }

  /**
   * Records work done.
   *
   * @param bytes bytes processed since the last call
   */
  void advance(long bytes) {
    done.add(bytes);
  }

  private void paint() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(100);
        if (System.nanoTime() - start >= DELAY_NANOS) {
          draw();
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void draw() {
    long now = Math.min(done.sum(), total);
    double fraction = total == 0 ? 1 : (double) now / total;
    int filled = (int) (fraction * WIDTH);
    String line =
        String.format(
            Locale.ROOT,
            "\r%-10s [%s%s] %3d%%  %s of %s ",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            (int) (fraction * 100),
            ByteSize.format(now),
            ByteSize.format(total));
    err.print(line);
    err.flush();
    drawn = line.length() - 1; // without the leading carriage return
  }

  /** Stops drawing and erases the bar, leaving the cursor at the start of an empty line. */
  @Override
  public void close() {
    if (painter == null) {
      return;
    }
    painter.interrupt();
    try {
      painter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
    }
  }
}
