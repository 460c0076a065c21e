package org.crossinterp.internal.channel;

import java.util.function.Consumer;

/**
 * A receiver waiting in an empty channel, with a slot for the item a sender hands it directly
 * (the dual-queue idea of {@code SynchronousQueue} and {@code LinkedTransferQueue}): the item
 * counts as received the instant it is in the slot, under the channel's lock, so the sender
 * returns at once without waiting for the receiver's thread to run.
 *
 * <p>Outcomes, set once by the waker under the channel's lock: an item; a refusal (the
 * receiver's gate threw on the item offered, which then goes to the next receiver); or closed
 * (neither). See {@link Waiter} for the protocol and the happens-before edge.
 *
 * @param <E> the queued form of an item
 */
final class ReceiveWaiter<E> extends Waiter {
  private final Consumer<? super E> gate;
  private E item;
  private Throwable refusal;

  /**
   * A node for the calling thread.
   *
   * @param gate what may refuse an offered item by throwing, or null to take any
   */
  ReceiveWaiter(Consumer<? super E> gate) {
    this.gate = gate;
  }

  /**
   * Offers {@code offered} to this receiver, which was just taken out of its queue: its gate sees
   * it first. Either way the receiver is woken: with the item, or with what its gate threw
   * (anything: a receiver must not be left waiting, unqueued, because its gate failed). Called
   * by a sender under the channel's lock.
   *
   * @return true if the item is now the receiver's; false if refused, the sender keeping it
   */
  boolean offer(E offered) {
    if (gate != null) {
      try {
        gate.accept(offered);
      } catch (Throwable refused) {
        refusal = refused;
        wake();
        return false;
      }
    }
    item = offered;
    wake();
    return true;
  }

  /** Wakes this receiver, taken out of its queue, because the channel closed; under the lock. */
  void close() {
    wake();
  }

  /**
   * What this receiver was woken with: the item, or null when the channel closed; a refusal is
   * thrown. Called by the waiting thread once {@link #isWoken()}.
   *
   * @return the item, or null if closed
   */
  E outcome() {
    if (refusal instanceof RuntimeException x) {
      throw x;
    }
    if (refusal instanceof Error x) {
      throw x;
    }
    if (refusal != null) { // a checked exception thrown sneakily by a gate
      throw new IllegalStateException("the receive gate failed", refusal);
    }
    return item;
  }
}
