package org.crossinterp.internal.interp;

/**
 * Runs code whose failure must not derail the interpreter machinery (hooks, pending calls):
 * the failure goes to the thread's uncaught-exception handler.
 */
final class Hooks {
  private Hooks() {}

  /**
   * Runs {@code r}, reporting what it throws. Returns normally whatever {@code r} does, also
   * when the report itself overflows the stack, so that a caller recording its progress in a
   * {@link Frame} can mark the step done.
   *
   * @return false if {@code r} threw
   */
  static boolean runSafely(Runnable r) {
    if (r == null) {
      return true;
    }
    try {
      r.run();
      return true;
    } catch (Throwable t) {
      try {
        report(t);
      } catch (Throwable ignored) {
        // no stack left even to report: the failure is dropped rather than the bookkeeping
      }
      return false;
    }
  }

  /** Hands {@code t} to the calling thread's uncaught-exception handler. */
  static void report(Throwable t) {
    Thread me = Thread.currentThread();
    me.getUncaughtExceptionHandler().uncaughtException(me, t);
  }
}
