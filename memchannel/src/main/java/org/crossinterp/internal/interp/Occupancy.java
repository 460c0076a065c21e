package org.crossinterp.internal.interp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Who is inside one interpreter, and whether it is closing: one word, the count of frames of
 * this domain on threads' stacks (running, switched out into a nested call, waiting, or
 * draining pending calls) and a CLOSING bit. Entering is refused once the bit is set, except
 * for pending-call drains, which must go on after close (the shares of a closed interpreter
 * are still released in it); {@code close()} waits until the count is zero.
 */
final class Occupancy {
  private static final int CLOSING = 1 << 30;
  private static final int COUNT_MASK = CLOSING - 1;

  private final AtomicInteger state = new AtomicInteger();
  private volatile Thread closer;

  /**
   * Counts a frame in, unless closing.
   *
   * @return false if closing (nothing counted)
   */
  boolean tryEnter() {
    for (; ; ) {
      int s = state.get();
      if ((s & CLOSING) != 0) {
        return false;
      }
      if (state.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  /** Counts a pending-call drain in, closing or not. */
  void enterDrain() {
    state.getAndIncrement();
  }

  /** Counts a frame out; wakes a closer waiting for the last one. */
  void exit() {
    if (state.decrementAndGet() == CLOSING) {
      Thread c = closer;
      if (c != null) {
        LockSupport.unpark(c);
      }
    }
  }

  /** Whether a frame is counted in. */
  boolean isOccupied() {
    return (state.get() & COUNT_MASK) != 0;
  }

  /** Whether closing has begun. */
  boolean isClosing() {
    return (state.get() & CLOSING) != 0;
  }

  /**
   * Sets the CLOSING bit.
   *
   * @return false if it was set already (another thread closes)
   */
  boolean markClosing() {
    for (; ; ) {
      int s = state.get();
      if ((s & CLOSING) != 0) {
        return false;
      }
      if (state.compareAndSet(s, s | CLOSING)) {
        return true;
      }
    }
  }

  /**
   * Waits, without any interpreter lock, until no frame is counted in. The wake-up from {@link
   * #exit} may be lost to a stack overflow in the exiting thread, so the wait also looks again
   * every few milliseconds.
   */
  void awaitEmpty() {
    closer = Thread.currentThread();
    try {
      Waiting.awaitUninterruptiblyPolling(() -> !isOccupied(), this, 10_000_000L);
    } finally {
      closer = null;
    }
  }
}
