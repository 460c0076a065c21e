package org.crossinterp.internal.interp;

import java.util.ArrayDeque;
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

  /**
   * {@link ResumableTask}s that overflowed the stack, first in line for the next drain (from a
   * shallower stack). Touched by the lock holder only; {@link #retrying} publishes its size
   * to {@link #isEmpty} readers.
   */
  private final ArrayDeque<Runnable> retry = new ArrayDeque<>(2);

  private volatile int retrying;

  void add(Runnable task) {
    StackReserve.ensure(); // an offer cut in half would leave a slot the consumer spins on
    queue.offer(task);
  }

  boolean isEmpty() {
    return retrying == 0 && queue.isEmpty();
  }

  /**
   * Runs the queued calls, in order, until the queue is empty; each failure goes to the
   * thread's uncaught-exception handler. Only the lock holder may call this; a task may call it
   * again (nested), which runs the tasks queued meanwhile.
   *
   * @return true if the queue was emptied; false if a {@link ResumableTask} overflowed the
   *     stack and waits, first in line, for a drain from a shallower stack
   */
  boolean runAll() {
    for (; ; ) {
      // a task taken must reach runOnce: an overflow in between would lose it, so the stack
      // is reserved first (for the poll too, which must not be cut in half either)
      StackReserve.ensure();
      Runnable r = retry.pollFirst();
      if (r != null) {
        retrying = retry.size();
      } else {
        r = queue.poll();
        if (r == null) {
          return true;
        }
      }
      if (runOnce(r) && r instanceof ResumableTask) {
        retry.addLast(r); // crossinterp's own tasks never overflow at the top
        retrying = retry.size();
        return false;
      }
    }
  }

  /**
   * Runs {@code r}; reports what it throws, except an overflow of a {@link ResumableTask},
   * which is not a failure: it is run again later.
   *
   * @return whether it overflowed the stack
   */
  private static boolean runOnce(Runnable r) {
    try {
      r.run();
      return false;
    } catch (StackOverflowError e) {
      if (!(r instanceof ResumableTask)) {
        reportQuietly(e);
      }
      return true;
    } catch (Throwable t) {
      reportQuietly(t);
      return false;
    }
  }

  private static void reportQuietly(Throwable t) {
    try {
      Hooks.report(t);
    } catch (Throwable ignored) {
      // no stack left even to report: dropped rather than the bookkeeping
    }
  }
}
