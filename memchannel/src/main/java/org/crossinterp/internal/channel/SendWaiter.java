package org.crossinterp.internal.channel;

/**
 * A sender waiting for room in a full bounded channel, holding its item. When a receive makes
 * room, the receiver moves the oldest waiting sender's item into the channel itself, under the
 * channel's lock, and wakes the sender with "sent": the room goes to the sender that waited for
 * it, so waiting senders keep their order and a later {@code trySend} cannot overtake them, and a
 * sender that times out at that instant still counts as having sent.
 *
 * <p>Outcomes, set once by the waker under the channel's lock: sent, or closed (sending was
 * closed; the sender still owns its item). See {@link Waiter} for the protocol.
 *
 * @param <E> the queued form of an item
 */
final class SendWaiter<E> extends Waiter {
  /** The item to send; read by the waker under the channel's lock. */
  final E item;

  private boolean sent;

  /**
   * A node for the calling thread.
   *
   * @param item the item it waits to send
   */
  SendWaiter(E item) {
    this.item = item;
  }

  /** Wakes the sender: its item is now in the channel. Under the lock, by the receiver. */
  void admitted() {
    sent = true;
    wake();
  }

  /** Wakes the sender: sending was closed and it keeps its item. Under the lock. */
  void close() {
    wake();
  }

  /**
   * Whether the item went into the channel (else sending was closed). The waiting thread, once
   * {@link #isWoken()}.
   *
   * @return true if sent
   */
  boolean sent() {
    return sent;
  }
}
