package org.crossinterp.reliability;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.crossinterp.Interpreter;

/**
 * onEnter/onLeave hooks (as a GraalVM context would be entered and left) that check what a
 * backend relies on:
 *
 * <ul>
 *   <li>at most one thread is inside each interpreter: an atomic count per interpreter, up in
 *       onEnter, down in onLeave, never above 1 (a plain flag could miss an overlap: two threads
 *       setting it at once both see it clear);
 *   <li>hooks nest strictly per thread: a leave is of the innermost entered interpreter;
 *   <li>a thread is inside one hooked interpreter at a time, since it never holds two
 *       interpreter locks and the hooks run with the lock held;
 *   <li>a stress thread back at its top level has left everything it entered.
 * </ul>
 *
 * Hooks must not throw (a throwing onEnter fails the call), so violations are reported to the
 * run's {@link StressProblems} instead.
 */
final class NestingHooks {
  /** One hooked interpreter: its name (the interpreter does not exist yet) and occupancy. */
  private record Hooked(String name, AtomicInteger inside) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final ThreadLocal<Deque<Hooked>> entered = ThreadLocal.withInitial(ArrayDeque::new);
  private final StressProblems problems;
  private final AtomicInteger enters = new AtomicInteger();
  private final AtomicInteger violations = new AtomicInteger();

  NestingHooks(StressProblems problems) {
    this.problems = problems;
  }

  /** {@code builder} with checking hooks for an interpreter called {@code name}. */
  Interpreter.Builder install(Interpreter.Builder builder, String name) {
    Hooked h = new Hooked(name, new AtomicInteger());
    return builder.onEnter(() -> enter(h)).onLeave(() -> leave(h));
  }

  private void enter(Hooked h) {
    enters.incrementAndGet();
    int inside = h.inside().incrementAndGet();
    if (inside > 1) {
      violation(inside + " threads inside " + h + " at once (onEnter without onLeave)");
    }
    Deque<Hooked> stack = entered.get();
    if (!stack.isEmpty()) {
      violation("entered " + h + " while still inside " + stack + " (two locks held)");
    }
    stack.push(h);
  }

  private void leave(Hooked h) {
    Deque<Hooked> stack = entered.get();
    if (stack.peek() != h) {
      violation("left " + h + " but the innermost entered is " + stack.peek() + " of " + stack);
      stack.removeFirstOccurrence(h); // resynchronise, so that one fault is reported once
    } else {
      stack.pop();
    }
    if (h.inside().decrementAndGet() < 0) {
      violation("left " + h + " more often than entered");
    }
  }

  /** Checks that the calling thread, at its top level, is inside no hooked interpreter. */
  void checkLeftEverything() {
    Deque<Hooked> stack = entered.get();
    if (!stack.isEmpty()) {
      violation("back at its top level, still inside " + stack + " (onLeave missing)");
      stack.clear();
    }
  }

  /** Reports a violation; the first with the stack of the hook, which shows whose it is. */
  private void violation(String what) {
    if (violations.getAndIncrement() == 0) {
      problems.report(what, new Throwable("the hook's stack"));
    } else {
      problems.report(what);
    }
  }

  /** How many times a hooked interpreter was entered (that the hooks ran at all). */
  int enters() {
    return enters.get();
  }
}
