package org.crossinterp.internal.channel;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The waiters of one kind (receivers, or senders waiting for room) of one channel, oldest first.
 * Guarded by the channel's lock: every method is called with it held, by any thread.
 *
 * <p>Only waiters that still wait are queued: a waker takes a waiter out before it {@linkplain
 * Waiter#wake wakes} it, and a waiter that gives up (timeout, interrupt) takes itself out. So the
 * head is always the next thread that a wake-up is for.
 *
 * @param <W> the kind of waiter
 */
final class WaitQueue<W extends Waiter> {
  private final ArrayDeque<W> waiters = new ArrayDeque<>();

  /** Queues {@code w} last; called by its own thread before it waits. */
  void add(W w) {
    waiters.addLast(w);
  }

  /** The oldest waiter, taken out of the queue, or null if none; called by a waker. */
  W poll() {
    return waiters.pollFirst();
  }

  /** Takes out a waiter that gives up; false if a waker took it out first. */
  boolean remove(Waiter w) {
    return waiters.remove(w);
  }

  /** Takes out every waiter, oldest first, and hands each to {@code waker}. */
  void wakeAll(Consumer<? super W> waker) {
    W w;
    while ((w = waiters.pollFirst()) != null) {
      waker.accept(w);
    }
  }

  boolean isEmpty() {
    return waiters.isEmpty();
  }

  int size() {
    return waiters.size();
  }
}
