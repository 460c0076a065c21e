package org.crossinterp.internal.interp;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Provisional: the waiting primitive; the dedicated loop moves here next. */
final class EventLoop {
  private EventLoop() {}

  static boolean await(BooleanSupplier done, long nanos, Object blocker, boolean pump) {
    long deadline = nanos > 0 ? System.nanoTime() + nanos : 0;
    for (; ; ) {
      if (done.getAsBoolean()) {
        return true;
      }
      if (Thread.currentThread().isInterrupted() || nanos == 0) {
        return false;
      }
      if (nanos < 0) {
        LockSupport.park(blocker);
      } else {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return done.getAsBoolean();
        }
        LockSupport.parkNanos(blocker, left);
      }
    }
  }
}
