package org.crossinterp.internal.interp;

/**
 * One entry of a thread's interpreter stack: the thread is in {@link #domain} for the extent of
 * a {@link ScopedValue} binding of this frame.
 *
 * <p>The links are final; the flags are the frame's <em>bookkeeping</em>, confined to the thread
 * that owns the frame. Each flag is set only after the step it records completed and cleared
 * only after the step that undoes it completed (the lock is its own record: {@link #holdsLock}), so that an unwind cut short (a {@link
 * StackOverflowError} thrown where a {@code finally} block calls the next method) leaves an
 * exact record of what is still to undo; {@link Switch#repair} finishes it from a shallower
 * stack depth, where there is room again. The ScopedValue binding itself needs no such care: the
 * JDK ends it with the Java frame that made it.
 */
final class Frame {
  /** Frame kinds. */
  static final byte CALL = 0;

  static final byte DRAIN = 1;

  final Domain domain;

  /** The frame this thread switched out of to enter this one, or null. */
  final Frame parent;

  /**
   * The frame of the thread waiting for this one, when this is the first frame of a task that
   * a dedicated thread runs for another thread; that thread is logically inside this task.
   */
  final Frame caller;

  /** {@link #CALL} or {@link #DRAIN}. */
  final byte kind;

  /** What this frame runs, for diagnostics (a task, or null). */
  final Object task;

  /** The frame this thread switched into from this one and has not finished unwinding. */
  Frame child;

  /** The Java frame that made this one has not reached its {@code finally} yet. */
  boolean live = true;

  /** An unwind of this frame is on the thread's stack right now (it must not be re-entered). */
  boolean unwinding;

  /** Counted in the domain's {@link Occupancy}. */
  boolean counted;

  /** {@code onEnter} ran for this frame and {@code onLeave} has not yet. */
  boolean entered;

  /** This frame gave back its parent's lock on entry; its unwind takes it again. */
  boolean resumeParent;

  /**
   * The thread, in this frame, gave its lock back on purpose for a wait ({@link
   * Domain#blocking}); {@link Switch#repair} must not take it again.
   */
  boolean suspended;

  Frame(Domain domain, Frame parent, Frame caller, byte kind, Object task) {
    this.domain = domain;
    this.parent = parent;
    this.caller = caller;
    this.kind = kind;
    this.task = task;
  }

  /**
   * Whether the calling thread holds this frame's lock. The lock itself is the record, not a
   * flag: the JDK delays a stack overflow met inside the lock's own code to the moment its
   * method returns, after the lock changed hands, so a flag written after the call could miss
   * it.
   */
  boolean holdsLock() {
    return domain.lock().isHeldByCurrentThread();
  }

  /** Whether the thread runs in this frame with the lock, entered: as any running code must. */
  boolean isActive() {
    return !suspended && holdsLock();
  }

  @Override
  public String toString() {
    return (kind == DRAIN ? "drain of " : "frame of ") + domain;
  }
}
