package org.crossinterp.reliability;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What went wrong during a stress run, collected from any thread (hooks must not throw, and a
 * stress thread must carry on so that the run still ends) and reported once at the end. Keeps
 * the first few messages and exceptions (as suppressed exceptions of the failure, so their
 * stacks show) and counts the rest.
 */
final class StressProblems {
  private static final int KEPT = 12;

  private final Queue<String> first = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> firstThrowables = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();

  void report(String problem) {
    if (count.incrementAndGet() <= KEPT) {
      first.add(Thread.currentThread().getName() + ": " + problem);
    }
  }

  void report(String what, Throwable t) {
    if (count.get() < KEPT) {
      firstThrowables.add(t);
    }
    report(what + ": " + t);
  }

  /** {@code failure} (a hang the watchdog found), with what went wrong before it. */
  AssertionError withEarlier(AssertionError failure) {
    if (count.get() == 0) {
      return failure;
    }
    AssertionError e = new AssertionError(failure.getMessage() + "\n" + describe(), failure);
    firstThrowables.forEach(e::addSuppressed);
    return e;
  }

  /** Fails with every kept message and exception if anything went wrong. */
  void check() {
    if (count.get() > 0) {
      AssertionError e = new AssertionError(describe());
      firstThrowables.forEach(e::addSuppressed);
      throw e;
    }
  }

  private String describe() {
    return count.get() + " problem(s) during the stress run:\n  " + String.join("\n  ", first);
  }
}
