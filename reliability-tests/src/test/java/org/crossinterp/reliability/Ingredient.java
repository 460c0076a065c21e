package org.crossinterp.reliability;

/**
 * What a stress run mixes in on top of its base traffic (nested cross-calls, buffers, strings
 * and proxies sent and received, views and proxies left to the garbage collector, interpreters
 * replaced under load). Each can run alone, so a failure names the ingredient that caused it.
 */
enum Ingredient {
  /** Half the interpreters run every call on their own thread; they are replaced too. */
  DEDICATED_THREADS,
  /** Random stress threads and dedicated threads (found by name) are interrupted. */
  INTERRUPTS,
  /**
   * Some interpreters have onEnter/onLeave hooks that check strict per-thread nesting and that
   * at most one thread is inside each of them.
   */
  HOOKS,
  /** {@code ObjChannel.recv(Class)} with the right and the wrong type. */
  RECV_CLASS,
  /** Interpreters closed while other threads call into them. */
  CLOSE_RACES,
  /** Mutual recursion across two interpreters until {@code StackOverflowError}. */
  DEEP_RECURSION
}
