package org.crossinterp.benchmarks;

/**
 * The proxied type of the P1 and P2 benchmarks: a counter, the smallest object with state whose
 * calls cannot be optimised away. Public, so that proxies of it can be generated in their own
 * class loader.
 */
public interface Counter {
  /** Adds one. */
  void increment();

  /**
   * The count.
   *
   * @return how often {@link #increment} was called
   */
  long get();
}
