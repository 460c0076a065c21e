package org.crossinterp.reliability;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a hang into a failure with a clear message. Nothing in crossinterp may wait forever (a
 * deadlock, a lost wake-up, a task accepted but never run), and no interrupt breaks a deadlock,
 * so everything that could hang runs with a bound, and a bound that passes fails with a dump of
 * the threads that matter: the library's own ({@code crossinterp-*}) and the stress run's
 * ({@code stress-*}).
 */
final class StressWatchdog {
  private StressWatchdog() {}

  /** A hang: something did not finish within its bound. The message has the thread dump. */
  static final class Hang extends AssertionError {
    private static final long serialVersionUID = 1L;

    Hang(String what) {
      super("watchdog: " + what + " (hang)\n" + dump(), null);
    }
  }

  /**
   * Runs {@code action} on a new daemon thread and returns its result, failing if it has not
   * finished within {@code bound}. Waits uninterruptibly (the stress run interrupts its own
   * threads on purpose), keeping the interrupt for the caller.
   */
  static <T> T call(Duration bound, String what, Callable<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .daemon(true)
            .name("stress-watched-" + what)
            .start(
                () -> {
                  try {
                    result.complete(action.call());
                  } catch (Throwable e) {
                    result.completeExceptionally(e);
                  }
                });
    long deadline = System.nanoTime() + bound.toNanos();
    boolean interrupted = false;
    try {
      for (; ; ) {
        try {
          return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (TimeoutException e) {
          throw new Hang(what + " did not finish within " + bound);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Exception x) {
            throw x;
          }
          if (e.getCause() instanceof Error x) {
            throw x;
          }
          throw e;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive() && !result.isDone()) {
        t.interrupt(); // in case it only waits interruptibly; a deadlock stays, as reported
      }
    }
  }

  /** {@link #call} for an action without a result. */
  static void run(Duration bound, String what, Action action) throws Exception {
    call(
        bound,
        what,
        () -> {
          action.run();
          return null;
        });
  }

  /** An action that may throw anything. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /**
   * Waits until every thread ended, failing with a dump if one is still alive after {@code
   * bound}. Waits uninterruptibly, as {@link #call}.
   */
  static void joinAll(Collection<Thread> threads, Duration bound, String what) {
    long deadline = System.nanoTime() + bound.toNanos();
    boolean interrupted = false;
    try {
      for (Thread t : threads) {
        interrupted |= joinUninterruptibly(t, deadline);
        failIfAlive(t, bound, what);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Joins until {@code deadline}; returns whether the caller was interrupted meanwhile. */
  private static boolean joinUninterruptibly(Thread t, long deadline) {
    boolean interrupted = false;
    for (long left; t.isAlive() && (left = deadline - System.nanoTime()) > 0; ) {
      try {
        t.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  private static void failIfAlive(Thread t, Duration bound, String what) {
    if (t.isAlive()) {
      throw new Hang(
          what
              + ": "
              + t.getName()
              + " is still running "
              + bound
              + " after it should have stopped (a deadlock, a lost wake-up or a task never run)");
    }
  }

  /** Name, state and stack of every crossinterp and stress thread. */
  static String dump() {
    StringBuilder sb = new StringBuilder("--- crossinterp and stress threads ---\n");
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (!t.getName().startsWith("crossinterp-") && !t.getName().startsWith("stress-")) {
        continue;
      }
      sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
      StackTraceElement[] stack = e.getValue();
      for (int i = 0; i < Math.min(stack.length, 40); i++) {
        sb.append("    at ").append(stack[i]).append('\n');
      }
      if (stack.length > 40) {
        sb.append("    ... ").append(stack.length - 40).append(" more\n");
      }
    }
    return sb.toString();
  }
}
