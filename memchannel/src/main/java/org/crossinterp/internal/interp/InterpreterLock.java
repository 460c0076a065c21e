package org.crossinterp.internal.interp;

import java.util.concurrent.locks.ReentrantLock;
import org.crossinterp.internal.jfr.InterpreterSwitchEvent;
import org.crossinterp.internal.jfr.JfrGate;

/**
 * One interpreter's lock, its "GIL", with the backend hooks that run inside it: {@code onEnter}
 * after each take and {@code onLeave} before each give-back, so a backend (a GraalVM context)
 * is entered exactly while a thread holds the lock, and the hooks of one thread nest like a
 * stack.
 *
 * <p>Every step records itself in the {@link Frame} it serves (see there) the moment it
 * completes, so an unwind cut short by a {@link StackOverflowError} can be finished later. The
 * lock is a {@link ReentrantLock}, whose take and release the JDK protects against stack
 * overflow ({@code @ReservedStackAccess}): a release either happens whole, waking its successor,
 * or not at all.
 *
 * <p>Hook failures: a failing {@code onEnter} on the way into a call fails that call (the
 * caller learns its backend is broken); everywhere else a failure is reported to the thread's
 * uncaught-exception handler and changes nothing, because the thread must stay consistent with
 * the interpreter it is logically in.
 */
final class InterpreterLock {
  private final ReentrantLock lock = new ReentrantLock();
  private final Domain domain;
  private final Runnable onEnter;
  private final Runnable onLeave;

  InterpreterLock(Domain domain, Runnable onEnter, Runnable onLeave) {
    this.domain = domain;
    this.onEnter = onEnter;
    this.onLeave = onLeave;
  }

  /** Whether some thread holds the lock right now (a hint: it may change at once). */
  boolean isLocked() {
    return lock.isLocked();
  }

  /** Whether the calling thread holds it. */
  boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /**
   * Takes the lock for {@code f}, waiting as long as it takes, then runs {@code onEnter}; a
   * failing {@code onEnter} propagates (the lock is then held but the frame not entered).
   */
  void enterStrict(Frame f, Frame from) {
    take(from);
    if (onEnter != null) {
      onEnter.run();
    }
    f.entered = true;
  }

  /** Takes the lock for {@code f} again (a frame the thread is logically in); never fails. */
  void reenter(Frame f) {
    if (!lock.isHeldByCurrentThread()) {
      take(null);
    }
    if (!f.entered) {
      Hooks.runSafely(onEnter);
      f.entered = true;
    }
  }

  /**
   * Takes the lock for {@code f} if it is free, and enters it; never waits.
   *
   * @return false if another thread holds the lock, or {@code onEnter} failed (the lock is then
   *     given back: nothing runs in a backend that did not enter)
   */
  boolean tryEnter(Frame f) {
    if (!lock.tryLock()) {
      return false;
    }
    if (!Hooks.runSafely(onEnter)) {
      lock.unlock();
      return false;
    }
    f.entered = true;
    return true;
  }

  /**
   * Runs {@code onLeave} (once) and gives the lock back if the thread holds it: a frame being
   * unwound is the only one of this domain on the thread that may hold it.
   */
  void leave(Frame f) {
    if (f.entered) {
      Hooks.runSafely(onLeave);
      f.entered = false;
    }
    if (lock.isHeldByCurrentThread()) {
      lock.unlock();
    }
  }

  private void take(Frame from) {
    if (!JfrGate.switches()) {
      lock.lock();
      return;
    }
    InterpreterSwitchEvent e = new InterpreterSwitchEvent();
    if (!e.isEnabled()) {
      lock.lock();
      return;
    }
    e.begin();
    lock.lock();
    e.end();
    if (e.shouldCommit()) {
      e.interpreterId = domain.id();
      e.interpreterName = domain.name();
      e.fromInterpreterId = from == null ? -1 : from.domain.id();
      e.commit();
    }
  }
}
