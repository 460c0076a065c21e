package org.crossinterp.internal.interp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one way crossinterp's own code waits: parking until a condition holds, while the thread's
 * event loop (if it runs one: a dedicated interpreter's thread) keeps serving its incoming calls,
 * submits and pending calls, nested on top of the wait.
 *
 * <p>Callers hold no lock while they wait here: not an interpreter lock (wrap the wait in {@link
 * Domain#blocking}) and not a lock of their own (a channel's), because the nested tasks may need
 * either. A waker makes the condition true and then calls {@link LockSupport#unpark} on the
 * waiting thread; the condition is read after every wake-up, so spurious ones are harmless and a
 * wake-up given before the park is not lost (the park permit keeps it).
 */
public final class Waiting {
  /** Wait without a time limit. */
  public static final long FOREVER = -1;

  private Waiting() {}

  /**
   * Parks until {@code done} holds, {@code nanos} pass, or the thread is interrupted, whichever
   * comes first. The interrupt status is left as it is: the caller decides what an interrupt
   * means (channel waits throw {@code InterruptedException}, interpreter calls ignore it).
   *
   * @param done read after every wake-up, on the waiting thread
   * @param nanos how long to wait at most, or {@link #FOREVER}
   * @param blocker what the thread waits for (shown by thread dumps)
   * @return {@code done}'s final answer: false on timeout or interrupt
   */
  public static boolean await(BooleanSupplier done, long nanos, Object blocker) {
    return EventLoop.await(done, nanos, blocker, 0);
  }

  /**
   * Parks until {@code done} holds, however often the thread is interrupted; the interrupt
   * status is set again afterwards if an interrupt came. Interpreter calls wait like this, as
   * taking a lock does.
   *
   * @param done read after every wake-up, on the waiting thread
   * @param blocker what the thread waits for
   */
  public static void awaitUninterruptibly(BooleanSupplier done, Object blocker) {
    awaitUninterruptiblyPolling(done, blocker, 0);
  }

  /**
   * Waits until {@code future} completes, as {@link #await} does (its completion wakes the
   * thread).
   *
   * @param future the future
   * @param nanos how long to wait at most, or {@link #FOREVER}
   * @return whether it completed: false on timeout or interrupt
   */
  public static boolean await(CompletableFuture<?> future, long nanos) {
    if (future.isDone()) {
      return true;
    }
    Thread me = Thread.currentThread();
    future.whenComplete((r, t) -> LockSupport.unpark(me));
    return await(future::isDone, nanos, future);
  }

  /**
   * Waits until {@code future} completes, however often the thread is interrupted (the
   * interrupt status is set again afterwards).
   *
   * @param future the future
   */
  public static void awaitUninterruptibly(CompletableFuture<?> future) {
    if (future.isDone()) {
      return;
    }
    Thread me = Thread.currentThread();
    future.whenComplete((r, t) -> LockSupport.unpark(me));
    awaitUninterruptibly(future::isDone, future);
  }

  /**
   * As {@link #awaitUninterruptibly}, but also reads {@code done} every {@code pollNanos}: for a
   * condition whose waker may fail to wake (one cut short by a stack overflow).
   *
   * @param pollNanos the longest park, or 0 for no limit
   */
  static void awaitUninterruptiblyPolling(BooleanSupplier done, Object blocker, long pollNanos) {
    boolean interrupted = false;
    while (!EventLoop.await(done, FOREVER, blocker, pollNanos)) {
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
