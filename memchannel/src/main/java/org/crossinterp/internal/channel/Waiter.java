package org.crossinterp.internal.channel;

import java.util.concurrent.locks.LockSupport;
import org.crossinterp.internal.interp.Waiting;

/**
 * A thread waiting in a channel: the node of the channel's explicit wait queues, which replace
 * {@code Condition}s so that the wait can go through {@link Waiting} (where a dedicated
 * interpreter's thread keeps serving its event loop) instead of a park that only a signal ends.
 *
 * <p><b>Protocol.</b> The waiting thread creates its node and queues it under the channel's
 * lock, unlocks, and calls {@link #awaitWoken} with no lock held. A waker, under the channel's
 * lock, first takes the node out of its queue, then stores the node's outcome (subclass fields)
 * and calls {@link #wake}: so each node is woken at most once, by exactly one thread, and a
 * queued node is never woken. The waiting thread then takes the lock again and either reads the
 * outcome (woken) or takes its node out of the queue itself (not woken: timeout or interrupt).
 * Because both ends decide under the lock, a wake-up is never lost: a node woken at the instant
 * its thread timed out or was interrupted still gets, and must use, its outcome.
 *
 * <p><b>Memory.</b> The outcome fields are plain; the volatile write of {@code woken} in {@link
 * #wake} publishes them to the waiting thread's volatile read in {@link #isWoken} (and the
 * channel's lock orders them as well once the waiter locks again).
 */
abstract class Waiter {
  /** The waiting thread: the one that created the node. */
  private final Thread thread = Thread.currentThread();

  private volatile boolean woken;

  /**
   * Whether a waker gave this node its outcome. Any thread; a true answer happens-after the
   * outcome was stored.
   *
   * @return true once woken
   */
  final boolean isWoken() {
    return woken;
  }

  /**
   * Marks the node woken and unparks its thread. Called by the waker under the channel's lock,
   * after taking the node out of its queue and storing its outcome; at most once per node.
   */
  final void wake() {
    woken = true;
    LockSupport.unpark(thread);
  }

  /**
   * Waits until woken, {@code nanos} pass or the thread is interrupted (whose flag stays set).
   * Called by the waiting thread only, holding no lock at all: not the channel's, since tasks the
   * thread's event loop runs meanwhile may use the same channel.
   *
   * @param nanos how long at most; {@link ChannelCore#FOREVER} for no limit; more than 0
   *     otherwise
   * @param blocker what thread dumps show the thread waiting for
   * @return whether woken
   */
  final boolean awaitWoken(long nanos, Object blocker) {
    long deadline = nanos == ChannelCore.FOREVER ? 0 : System.nanoTime() + nanos;
    while (!woken) {
      long left = Waiting.FOREVER;
      if (nanos != ChannelCore.FOREVER) {
        left = deadline - System.nanoTime(); // overflow-safe for the saturated Long.MAX_VALUE
        if (left <= 0) {
          break;
        }
      }
      // Waiting answers false only on timeout or interrupt; the loop just makes sure an early
      // return of a future Waiting cannot turn into a spurious timeout here.
      if (Waiting.await(this::isWoken, left, blocker) || Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    return woken;
  }
}
