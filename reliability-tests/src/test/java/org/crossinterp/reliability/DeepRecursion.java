package org.crossinterp.reliability;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.crossinterp.Interpreter;

/**
 * Mutual recursion across two interpreters ({@code a.call -> b.call -> a.call ...}) until the
 * stack overflows. The {@code StackOverflowError} must reach the caller, and both interpreters
 * must be left as before: not running, callable from another thread, closable.
 *
 * <p>The pair has no hooks: a stack overflow inside a hook is the hook's own failure, and it
 * would corrupt the hooks' bookkeeping, not the library's.
 */
final class DeepRecursion {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final StressRun run;
  final LongAdder overflows = new LongAdder();

  DeepRecursion(StressRun run) {
    this.run = run;
  }

  void recurse() throws Exception {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Interpreter a = run.fresh("deep-a", run.maybeDedicated(r), false);
    Interpreter b = run.fresh("deep-b", run.maybeDedicated(r), false);
    try {
      bounce(a, b, 0);
      run.problems.report("the recursion through " + a + " and " + b + " ended without overflow");
    } catch (StackOverflowError expected) {
      overflows.increment();
    }
    try {
      StressWatchdog.run(
          BOUND,
          "leaving " + a.name() + " and " + b.name() + " after the overflow",
          () -> awaitIdle(a, b));
      Object answer =
          StressWatchdog.call(
              BOUND,
              "a call into " + a.name() + " and " + b.name() + " after the overflow",
              () -> a.call(() -> b.call(() -> "fine")));
      if (!"fine".equals(answer)) {
        run.problems.report("a call after the overflow returned " + answer);
      }
      StressWatchdog.run(BOUND, "close of " + a.name() + " after the overflow", a::close);
      StressWatchdog.run(BOUND, "close of " + b.name() + " after the overflow", b::close);
    } catch (StressWatchdog.Hang hang) {
      run.hung(Ingredient.DEEP_RECURSION, hang, a, b);
    }
  }

  private static Object bounce(Interpreter here, Interpreter there, int depth) throws Exception {
    return here.call(() -> bounce(there, here, depth + 1));
  }

  /**
   * Waits until neither is running. A dedicated thread may still be unwinding its task for a
   * moment after the caller got the error; a thread that never leaves is what the bound catches.
   */
  private static void awaitIdle(Interpreter a, Interpreter b) {
    while (a.isRunning() || b.isRunning()) {
      LockSupport.parkNanos(100_000);
    }
  }
}
