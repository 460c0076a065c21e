package org.crossinterp.internal.interp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of {@code Interpreter.submit}: a {@link CompletableFuture} whose waits ({@link
 * #get()}, {@link #get(long, TimeUnit)}, {@link #join()}) give back the waiting thread's
 * interpreter lock and keep its event loop running, as every crossinterp wait does. So {@code
 * a.call(() -> a.submit(task).get())} completes: the submitted task needs the very interpreter
 * the waiting thread is in. Futures derived from it ({@code thenApply}…) wait the same way.
 *
 * @param <T> the result type
 */
public final class InterpreterFuture<T> extends CompletableFuture<T> {
  /** An incomplete future. */
  public InterpreterFuture() {}

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new InterpreterFuture<>();
  }

  private static boolean mustCare() {
    return Switch.frame() != null;
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!isDone() && mustCare()) {
      Switch.blocking(
          () -> {
            if (!Waiting.await(this, Waiting.FOREVER)) {
              Thread.interrupted();
              throw new InterruptedException();
            }
            return null;
          });
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (!isDone() && mustCare()) {
      long nanos = Math.max(0, unit.toNanos(timeout));
      Switch.blocking(
          () -> {
            if (!Waiting.await(this, nanos) && Thread.interrupted()) {
              throw new InterruptedException();
            }
            return null;
          });
      if (!isDone()) {
        throw new TimeoutException("not done after " + timeout + " " + unit);
      }
    }
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    if (!isDone() && mustCare()) {
      Switch.blocking(
          () -> {
            Waiting.awaitUninterruptibly(this);
            return null;
          });
    }
    return super.join();
  }
}
