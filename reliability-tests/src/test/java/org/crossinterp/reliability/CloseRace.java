package org.crossinterp.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;

/**
 * An interpreter closed while other threads call into it: directly, from inside another
 * interpreter, and by {@code submit}. Every call must return a value or throw {@link
 * InterpreterClosedException}, every submitted future must complete, nothing may hang, and the
 * closed interpreter must not be left running.
 */
final class CloseRace {
  private static final int CALLERS = 3;
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final StressRun run;

  CloseRace(StressRun run) {
    this.run = run;
  }

  void race() throws Exception {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Interpreter victim = run.fresh("race", run.maybeDedicated(r), run.maybeHooked(r));
    Interpreter via = run.fresh("race-via", false, false);
    CountDownLatch calling = new CountDownLatch(CALLERS);
    List<Thread> callers = new ArrayList<>();
    for (int k = 0; k < CALLERS; k++) {
      int kind = k;
      callers.add(
          Thread.ofPlatform()
              .daemon(true)
              .name("stress-race-" + victim.name() + "-" + k)
              .start(() -> callUntilClosed(victim, via, kind, calling)));
    }
    try {
      try {
        // close once every caller is calling; the watchdog waits uninterruptibly, so an
        // interrupt of this stress thread cannot leave the callers calling forever
        StressWatchdog.run(BOUND, "the first calls into " + victim.name(), calling::await);
      } finally {
        StressWatchdog.run(BOUND, "close of " + victim.name() + " under calls", victim::close);
      }
      StressWatchdog.joinAll(callers, BOUND, "callers of the closed " + victim.name());
      if (victim.isRunning()) {
        run.problems.report(victim + " is still running after close and its callers returned");
      }
      StressWatchdog.run(BOUND, "close of " + via.name(), via::close);
    } catch (StressWatchdog.Hang hang) {
      run.hung(Ingredient.CLOSE_RACES, hang, victim, via);
    }
  }

  /**
   * Calls until the interpreter is closed; anything but a value or the closed exception is a
   * problem.
   */
  private void callUntilClosed(
      Interpreter victim, Interpreter via, int kind, CountDownLatch calling) {
    boolean first = true;
    for (; ; ) {
      try {
        switch (kind) {
          case 0 -> victim.call(() -> run.touch(victim));
          case 1 -> via.call(() -> victim.call(() -> run.touch(victim)));
          default -> awaitSubmitted(victim.submit(() -> run.touch(victim)));
        }
      } catch (InterpreterClosedException expected) {
        if (first) {
          calling.countDown(); // closed before the first call: the race still ended well
        }
        return;
      } catch (Throwable e) {
        run.problems.report("a call into " + victim.name() + " during close", e);
        if (first) {
          calling.countDown();
        }
        return;
      }
      if (first) {
        calling.countDown();
        first = false;
      }
    }
  }

  /** A submitted task must run or fail with the closed exception, never be forgotten. */
  private static void awaitSubmitted(CompletableFuture<Object> f) throws Exception {
    try {
      f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InterpreterClosedException closed) {
        throw closed;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new AssertionError(
          "a task submitted before close neither ran nor failed within " + BOUND, e);
    }
  }
}
