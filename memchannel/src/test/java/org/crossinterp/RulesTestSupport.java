package org.crossinterp;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.crossinterp.memchannel.BufferExporter;

/**
 * Helpers for the rule tests (event loop, pending calls, hooks, robustness, close races): every
 * wait is bounded, so that a rule broken by a hang fails with the stuck thread's stack instead of
 * blocking the build.
 */
final class RulesTestSupport {
  /** How long a wait that ends at once when the code is right may take before it is a failure. */
  static final Duration BOUND = Duration.ofSeconds(5);

  private RulesTestSupport() {}

  static Interpreter dedicated(String name) {
    return Interpreter.builder().name(name).dedicatedThread(true).build();
  }

  /**
   * Runs {@code body} on a fresh daemon platform thread and waits at most {@code limit} for it:
   * returns what it returned, rethrows what it threw, and fails (with the thread's stack) if it
   * is still running then. The thread is left behind when it hangs.
   */
  static <T> T within(Duration limit, String what, Callable<T> body) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .daemon(true)
            .name("bounded: " + what)
            .start(
                () -> {
                  try {
                    f.complete(body.call());
                  } catch (Throwable e) {
                    f.completeExceptionally(e);
                  }
                });
    try {
      return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          what + " did not return within " + limit + "; it hangs at:\n" + stackOf(t));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof Exception x) {
        throw x;
      }
      if (c instanceof Error x) {
        throw x;
      }
      throw e;
    }
  }

  /** As {@link #within(Duration, String, Callable)} with {@link #BOUND}. */
  static <T> T within(String what, Callable<T> body) throws Exception {
    return within(BOUND, what, body);
  }

  /** Closes {@code i} on another thread, failing if close does not return within {@link #BOUND}. */
  static void closeWithin(Interpreter i) throws Exception {
    within(
        "close() of " + i,
        () -> {
          i.close();
          return null;
        });
  }

  /** Waits for {@code future} at most {@link #BOUND}; fails naming {@code what} if not done. */
  static <T> T await(CompletableFuture<T> future, String what) throws Exception {
    try {
      return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + BOUND);
    }
  }

  /** Polls {@code condition} until it holds; fails with {@code what} after {@link #BOUND}. */
  static void awaitState(Supplier<String> what, BooleanSupplier condition) {
    long end = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("timed out waiting: " + what.get());
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Waits until {@code t} parks (WAITING or TIMED_WAITING). */
  static void awaitParked(Thread t) {
    awaitState(
        () -> t.getName() + " never parked; state " + t.getState() + "\n" + stackOf(t),
        () -> {
          Thread.State s = t.getState();
          return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
  }

  /** Waits until {@code t} is blocked on a monitor. */
  static void awaitBlocked(Thread t) {
    awaitState(
        () -> t.getName() + " never blocked on a monitor; " + t.getState() + "\n" + stackOf(t),
        () -> t.getState() == Thread.State.BLOCKED);
  }

  static String stackOf(Thread t) {
    StringBuilder sb = new StringBuilder("  \"" + t.getName() + "\" " + t.getState() + "\n");
    Arrays.stream(t.getStackTrace()).forEach(e -> sb.append("    at ").append(e).append('\n'));
    return sb.toString();
  }

  /**
   * Closes interpreters at the end of a test, each with a bounded wait: {@code try (var c =
   * closing(a, b)) {...}}. A hanging close fails the test (or is added as suppressed to the
   * test's own failure) instead of blocking the build.
   */
  static AutoCloseable closing(Interpreter... interpreters) {
    return () -> {
      AssertionError first = null;
      for (Interpreter i : interpreters) {
        try {
          closeWithin(i);
        } catch (AssertionError e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    };
  }

  /** A task with a distinctive {@code toString()}, as diagnostics name tasks by it. */
  record Named<T>(String name, Callable<T> body) implements Callable<T> {
    @Override
    public T call() throws Exception {
      return body.call();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A user {@link BufferExporter} (so its release is user code, run as a pending call in the
   * sending interpreter) over 16 bytes of native memory; {@link #onRelease} runs inside each
   * {@code releaseExport}.
   */
  static class UserExporter implements BufferExporter {
    final MemorySegment memory = Arena.ofAuto().allocate(16);
    final AtomicInteger acquires = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    private final Runnable onRelease;

    UserExporter(Runnable onRelease) {
      this.onRelease = onRelease;
    }

    UserExporter() {
      this(() -> {});
    }

    @Override
    public MemorySegment acquireExport() {
      acquires.incrementAndGet();
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {
      try {
        onRelease.run();
      } finally {
        releases.incrementAndGet();
      }
    }

    @Override
    public String toString() {
      return "UserExporter[acquires=" + acquires + ", releases=" + releases + "]";
    }
  }
}
