package org.crossinterp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.crossinterp.internal.interp.Domain;

/** Shared helpers for the interpreter tests. */
final class InterpreterTestSupport {
  private InterpreterTestSupport() {}

  /** The leak check every test ends with: nothing pinned, nobody inside. */
  static void assertNoLeaks(Interpreter... interpreters) {
    for (Interpreter i : interpreters) {
      assertEquals(0, i.liveShares(), () -> "live shares of " + i);
      assertFalse(i.isRunning(), () -> i + " still has a thread inside");
    }
  }

  /** The internal domain behind an interpreter (found from inside it). */
  static Domain domainOf(Interpreter i) throws Exception {
    return i.call(Domain::current);
  }

  /** Waits, without a timing assertion, until {@code condition} holds (the test's @Timeout guards). */
  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      Thread.sleep(1);
    }
  }

  /** A platform thread whose uncaught exceptions are collected rather than printed. */
  static final class ReportingThread {
    final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private volatile Object result;
    private volatile Throwable failure;
    private final Thread thread;

    ReportingThread(Callable<?> body) {
      thread =
          Thread.ofPlatform()
              .uncaughtExceptionHandler((t, e) -> reported.add(e))
              .unstarted(
                  () -> {
                    try {
                      result = body.call();
                    } catch (Throwable t) {
                      failure = t;
                    }
                  });
    }

    /** Starts, joins, rethrows the body's failure, and returns its result. */
    Object runToEnd() throws Exception {
      thread.start();
      if (!thread.join(java.time.Duration.ofMinutes(1))) {
        fail("reporting thread did not finish");
      }
      if (failure instanceof Exception e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return result;
    }
  }

  static void sleepQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
