package org.crossinterp.internal.interp;

import java.util.concurrent.Callable;

/**
 * What a task handed to another thread produced: its value or the very throwable it threw, so
 * that the waiting thread can rethrow the same instance (a {@code CompletableFuture} would
 * unwrap a {@code CompletionException} the task threw itself).
 *
 * @param value the result, if the task returned
 * @param failure what the task threw, or null
 * @param <T> the result type
 */
record Outcome<T>(T value, Throwable failure) {

  /** Runs {@code task} and captures what it returned or threw. */
  static <T> Outcome<T> of(Callable<T> task) {
    try {
      return new Outcome<>(task.call(), null);
    } catch (Throwable t) {
      return new Outcome<>(null, t);
    }
  }

  /** Returns the value, or throws the captured throwable unchanged. */
  T get() throws Exception {
    if (failure != null) {
      throw Domain.sneaky(failure);
    }
    return value;
  }
}
