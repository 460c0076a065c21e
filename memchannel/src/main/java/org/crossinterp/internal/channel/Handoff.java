package org.crossinterp.internal.channel;

/**
 * A rendezvous item whose sender waits for it to be received: it sits in the channel's queue (it
 * counts in {@code size()}, {@code close()} refuses to drop it and {@code closeNow()} returns it)
 * and is its sender's wait node at once. Whoever takes it out of the queue under the channel's
 * lock (a receiver, {@code closeNow}, or an unbound-item removal) marks it {@linkplain #take
 * taken}: the sender then returns normally, as it no longer owns the item, even if it timed out
 * or was interrupted at that instant. A sender that gives up first takes it out of the queue
 * itself and keeps its item.
 *
 * <p>Only used when no receiver is waiting: a rendezvous send that finds one hands its item over
 * directly ({@link ReceiveWaiter}).
 */
final class Handoff extends Waiter {
  /** The item; read under the channel's lock by whoever takes the handoff. */
  final Object item;

  /**
   * A handoff of {@code item} by the calling thread.
   *
   * @param item the item
   */
  Handoff(Object item) {
    this.item = item;
  }

  /** Marks the item taken and wakes its sender; under the lock, after removing it from the queue. */
  void take() {
    wake();
  }
}
