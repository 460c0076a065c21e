package org.crossinterp.internal.interp;

/**
 * One entry of a thread's interpreter stack, bound in a {@link ScopedValue} by {@link Domain}.
 *
 * <p>Besides the ordinary parent link, a frame may carry two extra links:
 *
 * <ul>
 *   <li>{@code host}: set when the thread took this domain's lock with {@code tryLock} to run
 *       pending calls while it still held the lock of the domain it was in (the host). The
 *       thread then briefly holds two locks; it never waits while it does, because anything
 *       that would wait (a nested switch, a blocking wait) first gives back the host's lock,
 *       which is taken back only once the pending calls are done and this lock is free again.
 *   <li>{@code caller}: set on the first frame of a dedicated thread's task, it is the frame of
 *       the thread waiting for that task. The waiting thread is logically inside the task, so
 *       {@link Domain#isOnCurrentStack()} follows the link (closing the caller's interpreter
 *       from the task would wait for itself).
 * </ul>
 *
 * @param domain the domain this frame runs in
 * @param parent the frame the thread switched out of, or null
 * @param host the borrowed host lock, or null
 * @param caller the frame of the thread waiting for this dedicated-thread task, or null
 */
record Frame(Domain domain, Frame parent, Host host, Frame caller) {

  /** The frame that logically encloses this one: its parent, or the waiting caller. */
  Frame outer() {
    return parent != null ? parent : caller;
  }

  /**
   * A lock the thread held when it borrowed another domain's lock for pending calls. Confined
   * to the thread that owns the frame.
   */
  static final class Host {
    final Domain domain;
    /** Whether the thread gave the host's lock back and must take it again afterwards. */
    boolean released;

    Host(Domain domain) {
      this.domain = domain;
    }
  }
}
