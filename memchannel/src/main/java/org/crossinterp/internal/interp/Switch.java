package org.crossinterp.internal.interp;

import java.util.concurrent.Callable;

/**
 * Switching a thread between interpreters, the seeds' {@code release_LIL(current);
 * acquire_LIL(target) … acquire_LIL(current)}.
 *
 * <p><b>Never two locks.</b> Entering another interpreter first gives back the lock of the one
 * the thread is in (running its pending calls and {@code onLeave} on the way out), then takes
 * the target's; the way back undoes both. Waiting ({@link #blocking}) gives the lock back for
 * the wait. Pending-call drains switch in like calls (with {@code tryLock}: the holder of a busy
 * lock drains for us). So a thread holds at most one interpreter lock at any instant, user code
 * run on its behalf (pending calls, hooks) may take any user lock, and hooks nest per thread
 * like a stack.
 *
 * <p><b>Robust unwinding.</b> A {@link StackOverflowError} may be thrown wherever a {@code
 * finally} block calls a method. Each switch therefore records its progress in its {@link
 * Frame} and undoes it in {@link #unwind}, which can be resumed: if the unwind of a deep frame
 * is cut short, the next operation of the thread at a shallower depth (the enclosing call's own
 * unwind, at the latest) finishes it through {@link #repair}, from its parent's {@code child}
 * link. Every interpreter on the way is then left as before: lock free, count back, hooks
 * paired.
 */
final class Switch {
  private static final ScopedValue<Frame> FRAME = ScopedValue.newInstance();

  private Switch() {}

  /** The calling thread's innermost frame, or null when it entered none. */
  static Frame frame() {
    return FRAME.isBound() ? FRAME.get() : null;
  }

  /**
   * Finishes, for the thread's current frame {@code p}, what a cut-short unwind of a deeper
   * frame left undone, and takes {@code p}'s lock again if the thread should hold it.
   */
  static void repair(Frame p) {
    Frame c = p.child;
    if (c != null && !c.live && !c.unwinding) {
      unwindChain(c);
    }
    if (!p.suspended && !(p.entered && p.holdsLock()) && !p.unwinding && p.live) {
      p.domain.lock().reenter(p);
    }
  }

  private static void unwindChain(Frame c) {
    Frame x = c;
    while (x.child != null && !x.child.live && !x.child.unwinding) {
      x = x.child;
    }
    for (; ; ) {
      unwind(x);
      if (x == c) {
        return;
      }
      x = x.parent;
    }
  }

  /**
   * Runs {@code task} in {@code d} on the calling thread: gives back the current frame's lock,
   * takes {@code d}'s, runs, and undoes both.
   *
   * @param caller the frame of the thread waiting for this task (dedicated threads), or null
   */
  static <T> T into(Domain d, Callable<T> task, Frame caller) throws Exception {
    Frame from = frame();
    if (from != null) {
      repair(from);
    }
    Frame f = new Frame(d, from, caller, Frame.CALL, task);
    try {
      if (from != null) {
        from.child = f;
      }
      if (!d.occupancy().tryEnter()) {
        throw d.closedException();
      }
      f.counted = true;
      if (from != null && from.holdsLock()) {
        f.resumeParent = true;
        from.suspended = true;
        giveBack(from);
      }
      d.lock().enterStrict(f, from);
      return ScopedValue.where(FRAME, f).call(new RunThenDrain<>(f, task));
    } finally {
      f.live = false;
      unwind(f);
    }
  }

  /**
   * Runs a task, then the pending calls that arrived meanwhile, inside the frame. A class, not a
   * lambda, as are the other operations bound below: a lambda's first use links an
   * invokedynamic call site, and a link cut short by a stack overflow breaks the JDK classes
   * involved for the rest of the JVM's life.
   */
  private record RunThenDrain<T>(Frame f, Callable<T> task)
      implements ScopedValue.CallableOp<T, Exception> {
    @Override
    public T call() throws Exception {
      try {
        return task.call();
      } finally {
        PendingCalls pending = f.domain.pending();
        if (!pending.isEmpty()) {
          pending.runAll();
        }
      }
    }
  }

  /** Runs the pending calls inside the drain frame; true if the queue was emptied. */
  private record RunAll(PendingCalls pending)
      implements ScopedValue.CallableOp<Boolean, RuntimeException> {
    @Override
    public Boolean call() {
      return pending.runAll();
    }
  }

  static {
    // loaded now, not at the first drain, which may come at the edge of the stack
    new RunAll(new PendingCalls()).call();
    try {
      java.lang.invoke.MethodHandles.lookup().ensureInitialized(RunThenDrain.class);
      java.lang.invoke.MethodHandles.lookup().ensureInitialized(Hooks.class);
      java.lang.invoke.MethodHandles.lookup().ensureInitialized(StackReserve.class);
    } catch (IllegalAccessException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Undoes what {@code f} recorded, in reverse order of doing: deeper stale frames, {@code
   * onLeave}, the lock, the count, the pending calls that arrived meanwhile, and the parent's
   * lock. Each step is skipped once done, so a second call finishes a first one cut short.
   */
  static void unwind(Frame f) {
    f.unwinding = true;
    try {
      Frame c = f.child;
      if (c != null && c != f && !c.live && !c.unwinding) {
        unwindChain(c);
      }
      Domain d = f.domain;
      d.lock().leave(f);
      if (f.counted) {
        d.occupancy().exit();
        f.counted = false;
      }
      if (f.kind == Frame.CALL && !d.pending().isEmpty()) {
        drainIfIdle(d);
      }
      if (f.resumeParent) {
        Frame p = f.parent;
        p.domain.lock().reenter(p);
        p.suspended = false;
        f.resumeParent = false;
      }
      Frame p = f.parent;
      if (p != null && p.child == f) {
        p.child = null;
      }
    } finally {
      f.unwinding = false;
    }
  }

  /**
   * Gives back the lock of the current frame {@code p} (marked suspended by the caller): runs
   * its pending calls and {@code onLeave} while still inside, unlocks, then runs what arrived
   * meanwhile.
   */
  private static void giveBack(Frame p) {
    Domain d = p.domain;
    if (p.entered && !d.pending().isEmpty()) {
      d.pending().runAll();
    }
    d.lock().leave(p);
    if (!d.pending().isEmpty()) {
      drainIfIdle(d);
    }
  }

  /**
   * Runs {@code wait} without the calling thread's interpreter lock, as a blocking call releases
   * the GIL, and takes the lock back afterwards. Every wait of crossinterp goes through here
   * (channels, calls to dedicated threads, futures), so that a waiting thread never blocks its
   * own interpreter; nested tasks an event loop runs during the wait enter the interpreter
   * afresh.
   */
  static <T, X extends Throwable> T blocking(ScopedValue.CallableOp<T, X> wait) throws X {
    Frame f = frame();
    if (f == null) {
      return wait.call();
    }
    repair(f);
    if (!f.holdsLock()) {
      return wait.call();
    }
    f.suspended = true;
    try {
      giveBack(f);
      return wait.call();
    } finally {
      f.suspended = false;
      f.domain.lock().reenter(f);
    }
  }

  /**
   * Runs {@code d}'s pending calls now if nobody holds its lock: on its event loop when it has
   * one (and this is another thread), else on the calling thread, which gives back its own lock
   * first and takes it again afterwards, like a call. Never waits for {@code d}'s lock (its
   * holder drains before and right after letting go) and never fails.
   */
  static void drainIfIdle(Domain d) {
    PendingCalls pending = d.pending();
    while (!pending.isEmpty()) {
      EventLoop loop = d.loop();
      if (loop != null && loop.requestDrain()) {
        return;
      }
      if (d.lock().isLocked()) {
        return;
      }
      Frame from = frame();
      if (from != null && from.domain == d && from.isActive()) {
        pending.runAll();
        return;
      }
      Frame f = new Frame(d, from, null, Frame.DRAIN, null);
      Frame previousChild = from == null ? null : from.child;
      boolean ran = false;
      try {
        if (from != null) {
          from.child = f;
        }
        d.occupancy().enterDrain();
        f.counted = true;
        if (from != null && from.holdsLock()) {
          f.resumeParent = true;
          from.suspended = true;
          giveBack(from);
        }
        if (d.lock().tryEnter(f)) {
          ran = ScopedValue.where(FRAME, f).call(new RunAll(pending));
        }
      } finally {
        f.live = false;
        unwind(f);
        if (from != null && from.child == null) {
          from.child = previousChild;
        }
      }
      if (!ran) {
        return; // busy: its holder drains; its onEnter failed: the queue waits for one that works;
        // or a task overflowed the stack: a drain from a shallower stack resumes it
      }
    }
  }

  /**
   * Runs the pending calls of a closing {@code d} on the calling thread, waiting for its lock
   * (and so for any drain in progress); the caller holds no interpreter lock.
   */
  static void drainForClose(Domain d) {
    Frame from = frame();
    Frame f = new Frame(d, from, null, Frame.DRAIN, null);
    if (from != null && from.holdsLock()) {
      throw new IllegalStateException("drainForClose with an interpreter lock held: " + from);
    }
    try {
      d.occupancy().enterDrain();
      f.counted = true;
      d.lock().reenter(f);
      ScopedValue.where(FRAME, f).call(new RunAll(d.pending()));
    } finally {
      f.live = false;
      unwind(f);
    }
  }
}
