package org.crossinterp.internal.interp;

import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * One interpreter's pending calls (CPython's {@code Py_AddPendingCall}): work that must run
 * inside the interpreter but must not block whoever asks for it, above all share releases.
 *
 * <p>Any thread may add; only the thread holding the interpreter's lock takes them out and runs
 * them (the single consumer of the JCTools MPSC queue), before it gives the lock back and once
 * more right after (the queue is read again after every unlock, so an add racing an unlock is
 * seen by one side or the other: both are sequentially consistent). If nobody holds the lock,
 * the adding thread switches in to run them (see {@link Switch#drainIfIdle}), or hands them to
 * the interpreter's event loop when it has one.
 */
final class PendingCalls {
  private final MpscUnboundedAtomicArrayQueue<Runnable> queue =
      new MpscUnboundedAtomicArrayQueue<>(64);

  void add(Runnable task) {
    queue.offer(task);
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /**
   * Runs the queued calls, in order, until the queue is empty; each failure goes to the
   * thread's uncaught-exception handler. Only the lock holder may call this.
   */
  void runAll() {
    Runnable r;
    while ((r = queue.poll()) != null) {
      Hooks.runSafely(r);
    }
  }
}
