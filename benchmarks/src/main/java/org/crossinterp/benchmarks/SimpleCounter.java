package org.crossinterp.benchmarks;

/**
 * A plain, unsynchronised {@link Counter}: mutable, so an ObjChannel sends it as a proxy. Its
 * owner (an interpreter, or a lock in the baselines) makes sure one thread uses it at a time.
 */
public final class SimpleCounter implements Counter {
  private long count;

  /** A counter at zero. */
  public SimpleCounter() {}

  @Override
  public void increment() {
    count++;
  }

  @Override
  public long get() {
    return count;
  }
}
