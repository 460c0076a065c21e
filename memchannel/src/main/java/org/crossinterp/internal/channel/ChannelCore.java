package org.crossinterp.internal.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.ItemInterpreterClosedException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.jfr.ChannelEvent;
import org.crossinterp.internal.jfr.JfrGate;

/**
 * The queue, capacity, waiting and closing logic shared by every channel kind.
 *
 * <p><b>Locking.</b> One {@link ReentrantLock} guards the items and the state, so every
 * operation (send, receive, {@code close}, {@code closeNow}, withdrawal of a timed-out
 * rendezvous item) is atomic and the channel is linearizable. No user code runs under it: items
 * to discard are collected and released after unlocking. Lock order is "interpreter lock, then
 * channel lock", never the reverse: an operation that has to wait first gives back the caller's
 * interpreter lock ({@link Domain#blocking}) and only then takes the channel lock to wait on it.
 *
 * <p><b>Rendezvous.</b> At capacity 0 each item is wrapped in a {@link Handoff} and the sender
 * waits until a receiver marks it taken; on timeout or interrupt it withdraws the item if no
 * receiver took it yet. An item that {@code closeNow()} hands to its caller counts as received:
 * its sender returns normally, since it no longer owns the item.
 *
 * <p><b>Ownership.</b> When {@link #send} returns {@code false} or throws, the item was not
 * queued and the caller still owns it. Items leave the core exactly once: by a receive, by
 * {@link #closeNow()}, or by {@link ItemSupport#discard} (unbound-item policies).
 *
 * @param <E> the queued form of an item
 */
public final class ChannelCore<E> {
  /** Wait without a time limit. */
  public static final long FOREVER = -1;

  private static final int OPEN = 0;
  private static final int SEND_CLOSED = 1;
  private static final int CLOSED = 2;

  private final long id = ChannelIds.next();
  private final String name;
  private final int capacity;
  private final UnboundPolicy policy;
  private final ItemSupport<E> support;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final Condition taken = lock.newCondition();
  private final ArrayDeque<Object> items = new ArrayDeque<>();
  private int state = OPEN;
  private int waitingReceivers;

  /** A rendezvous item: taken once a receiver (or {@code closeNow}) removed it. */
  private static final class Handoff {
    final Object item;
    boolean taken;

    Handoff(Object item) {
      this.item = item;
    }
  }

  /**
   * Creates a channel core.
   *
   * @param capacity {@link Integer#MAX_VALUE} for unbounded, 0 for rendezvous
   * @param policy what to do with items of closed interpreters
   * @param name a name, or null for a generated one
   * @param support item knowledge of the channel kind
   */
  public ChannelCore(int capacity, UnboundPolicy policy, String name, ItemSupport<E> support) {
    this.capacity = checkCapacity(capacity);
    this.policy = Objects.requireNonNull(policy, "unboundPolicy");
    this.support = Objects.requireNonNull(support, "support");
    this.name = name == null ? "channel-" + id : name;
    if (policy == UnboundPolicy.REMOVE) {
      RemoveOnClose.register(this);
    }
  }

  /**
   * Refuses a negative capacity, for every channel kind's builder.
   *
   * @param capacity the capacity asked for
   * @return {@code capacity}
   * @throws IllegalArgumentException if negative
   */
  public static int checkCapacity(int capacity) {
    return ChannelArguments.checkCapacity(capacity);
  }

  /**
   * Converts a timeout to nanoseconds, refusing negative ones.
   *
   * @param timeout the timeout; not null, not negative
   * @return nanoseconds, saturated at {@link Long#MAX_VALUE}
   * @throws IllegalArgumentException if negative
   */
  public static long nanos(Duration timeout) {
    return ChannelArguments.nanos(timeout);
  }

  /** The id. */
  public long id() {
    return id;
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The capacity; {@link Integer#MAX_VALUE} when unbounded. */
  public int capacity() {
    return capacity;
  }

  /** The unbound-item policy. */
  public UnboundPolicy policy() {
    return policy;
  }

  // ------------------------------------------------------------------ send

  /**
   * Whether a send would have to wait right now: a cheap pre-check so that a failing {@code
   * trySend} need not acquire a share first. False once sending is closed, so that the send
   * itself reports the closed channel.
   */
  public boolean looksFull() {
    lock.lock();
    try {
      if (state != OPEN) {
        return false;
      }
      return capacity == 0 ? waitingReceivers <= countHandoffs() : items.size() >= capacity;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Enqueues {@code item}, waiting up to {@code nanos} ({@link #FOREVER}, or 0 for not at
   * all).
   *
   * @return true if sent; false on timeout, the caller still owning the item
   * @throws InterruptedException if interrupted while waiting; the caller still owns the item
   * @throws ChannelClosedException if sending is closed; the caller still owns the item
   */
  public boolean send(E item, long nanos) throws InterruptedException {
    Objects.requireNonNull(item, "item");
    if (capacity == 0) {
      return Domain.blocking(() -> handOff(item, nanos));
    }
    lock.lock();
    try {
      checkSendOpen();
      if (items.size() < capacity) {
        enqueue(item);
        return true;
      }
    } finally {
      lock.unlock();
    }
    if (nanos == 0) {
      return false;
    }
    return Domain.blocking(() -> awaitRoomAndSend(item, nanos));
  }

  private boolean awaitRoomAndSend(E item, long nanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = nanos;
      for (; ; ) {
        checkSendOpen();
        if (items.size() < capacity) {
          enqueue(item);
          return true;
        }
        if (nanos == FOREVER) {
          notFull.await();
        } else if (left <= 0) {
          return false;
        } else {
          left = notFull.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean handOff(E item, long nanos) throws InterruptedException {
    Handoff h = new Handoff(item);
    lock.lockInterruptibly();
    try {
      checkSendOpen();
      if (nanos == 0 && waitingReceivers <= countHandoffs()) {
        return false;
      }
      enqueue(h);
      long left = nanos;
      try {
        while (!h.taken) {
          if (nanos == FOREVER) {
            taken.await();
          } else if (nanos == 0) {
            if (waitingReceivers == 0) {
              items.remove(h);
              return false;
            }
            taken.await();
          } else if (left <= 0) {
            items.remove(h);
            return false;
          } else {
            left = taken.awaitNanos(left);
          }
        }
      } catch (InterruptedException e) {
        if (!h.taken) {
          items.remove(h);
          throw e;
        }
        Thread.currentThread().interrupt();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private int countHandoffs() {
    return items.size();
  }

  private void enqueue(Object o) {
    items.addLast(o);
    notEmpty.signal();
    record("send");
  }

  /** A Flight Recorder event for a transfer, when a recording asks for it. */
  private void record(String operation) {
    if (!JfrGate.transfers()) {
      return;
    }
    ChannelEvent e = new ChannelEvent();
    if (e.isEnabled()) {
      e.channelId = id;
      e.channelName = name;
      e.operation = operation;
      e.queueSize = items.size();
      e.commit();
    }
  }

  private void checkSendOpen() {
    if (state != OPEN) {
      throw new ChannelClosedException(
          "channel " + name + " is closed for sending; create a new channel to send more");
    }
  }

  // ------------------------------------------------------------------ receive

  /**
   * Takes the oldest item, waiting up to {@code nanos} ({@link #FOREVER}, or 0 for not at all).
   *
   * @return the item, now owned by the caller, or null on timeout
   * @throws ChannelClosedException once closed and drained
   * @throws ItemInterpreterClosedException for an item of a closed interpreter under {@link
   *     UnboundPolicy#ERROR}; the item was consumed
   */
  public E recv(long nanos) throws InterruptedException {
    return recv(nanos, null);
  }

  /**
   * As {@link #recv(long)}, but {@code gate} sees the oldest item first, under the lock, and may
   * refuse it by throwing: then nothing is consumed and the exception reaches the caller.
   */
  public E recv(long nanos, Consumer<? super E> gate) throws InterruptedException {
    long start = nanos > 0 ? System.nanoTime() : 0;
    long left = nanos;
    for (; ; ) {
      Object o = takeNow(gate);
      if (o == null) {
        if (left == 0) {
          return null;
        }
        long wait = left;
        o = Domain.blocking(() -> awaitItem(wait, gate));
        if (o == null) {
          return null;
        }
      }
      @SuppressWarnings("unchecked")
      E item = (E) o;
      if (deliverable(item)) {
        return item;
      }
      if (nanos > 0) {
        // An item was dropped (UnboundPolicy.REMOVE): wait only for what is left of the timeout.
        left = Math.max(0, nanos - (System.nanoTime() - start));
      }
    }
  }

  /** Applies the unbound-item policy to a taken item: true to deliver it. */
  private boolean deliverable(E item) {
    if (policy == UnboundPolicy.DELIVER) {
      return true;
    }
    Domain origin = support.origin(item);
    if (origin == null || !origin.isClosed()) {
      return true;
    }
    support.discard(item);
    if (policy == UnboundPolicy.ERROR) {
      throw new ItemInterpreterClosedException(
          "the item's sending interpreter "
              + origin
              + " was closed while the item was queued in channel "
              + name
              + "; the item was dropped. Use UnboundPolicy.DELIVER to receive such items");
    }
    return false;
  }

  private Object takeNow(Consumer<? super E> gate) {
    lock.lock();
    try {
      Object o = dequeue(gate);
      if (o == null) {
        checkRecvOpen();
      }
      return o;
    } finally {
      lock.unlock();
    }
  }

  private Object awaitItem(long nanos, Consumer<? super E> gate) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = nanos;
      for (; ; ) {
        Object o = dequeue(gate);
        if (o != null) {
          return o;
        }
        checkRecvOpen();
        if (nanos != FOREVER && left <= 0) {
          return null;
        }
        waitingReceivers++;
        try {
          if (nanos == FOREVER) {
            notEmpty.await();
          } else {
            left = notEmpty.awaitNanos(left);
          }
        } finally {
          waitingReceivers--;
          if (capacity == 0) {
            taken.signalAll(); // a trySend may be waiting for this receiver
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes the oldest item under the lock, or returns null; settles the closed state. A {@code
   * gate} that throws leaves the item first in the channel.
   */
  @SuppressWarnings("unchecked")
  private Object dequeue(Consumer<? super E> gate) {
    Object o = items.peekFirst();
    if (o == null) {
      return null;
    }
    if (gate != null) {
      gate.accept((E) (o instanceof Handoff h ? h.item : o));
    }
    items.pollFirst();
    if (o instanceof Handoff h) {
      h.taken = true;
      taken.signalAll();
      o = h.item;
    } else {
      notFull.signal();
    }
    if (items.isEmpty() && state == SEND_CLOSED) {
      becomeClosed();
    }
    record("recv");
    return o;
  }

  private void checkRecvOpen() {
    if (state == CLOSED || (state == SEND_CLOSED && items.isEmpty())) {
      throw new ChannelClosedException(
          "channel " + name + " is closed and drained; nothing more will arrive");
    }
  }

  // ------------------------------------------------------------------ closing

  /** Closes the sending end; the channel closes fully once drained. */
  public void closeSend() {
    lock.lock();
    try {
      if (state != OPEN) {
        return;
      }
      state = SEND_CLOSED;
      notFull.signalAll();
      if (items.isEmpty()) {
        becomeClosed();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes an empty channel.
   *
   * @throws ChannelNotEmptyException if items are queued; nothing changed
   */
  public void close() {
    lock.lock();
    try {
      if (!items.isEmpty()) {
        throw new ChannelNotEmptyException(
            "channel "
                + name
                + " still holds "
                + items.size()
                + " item(s); receive them first, or call closeNow() to close and take them");
      }
      becomeClosed();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes at once and returns the queued items, oldest first; the caller now owns them.
   */
  @SuppressWarnings("unchecked")
  public List<E> closeNow() {
    lock.lock();
    try {
      List<E> out = new ArrayList<>(items.size());
      Object o;
      while ((o = items.pollFirst()) != null) {
        if (o instanceof Handoff h) {
          h.taken = true;
          o = h.item;
        }
        out.add((E) o);
      }
      becomeClosed();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes at once and releases every queued item: for a channel that was garbage-collected
   * with items in it, so that they do not pin their interpreters forever.
   */
  public void discardAll() {
    for (E item : closeNow()) {
      support.discard(item);
    }
  }

  private void becomeClosed() {
    state = CLOSED;
    notEmpty.signalAll();
    notFull.signalAll();
    taken.signalAll();
    if (policy == UnboundPolicy.REMOVE) {
      RemoveOnClose.unregister(this);
    }
  }

  /** Whether fully closed. */
  public boolean isClosed() {
    lock.lock();
    try {
      return state == CLOSED;
    } finally {
      lock.unlock();
    }
  }

  /** The number of queued items. */
  public int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many receivers wait in this channel right now: a probe for tests and diagnostics, which
   * lets them wait for a receiver to be parked instead of guessing with a sleep. Any thread.
   *
   * @return the number of waiting receivers
   */
  public int waitingReceivers() {
    lock.lock();
    try {
      return waitingReceivers;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ unbound items

  /**
   * Drops and releases the queued items {@code closed} sent ({@link UnboundPolicy#REMOVE}).
   * Called by {@link RemoveOnClose} on the closing thread; the releases run after unlocking.
   */
  @SuppressWarnings("unchecked")
  void removeItemsOf(Domain closed) {
    List<E> removed = new ArrayList<>();
    lock.lock();
    try {
      for (Iterator<Object> it = items.iterator(); it.hasNext(); ) {
        Object o = it.next();
        Object item = o instanceof Handoff h ? h.item : o;
        if (support.origin((E) item) == closed) {
          it.remove();
          if (o instanceof Handoff h) {
            h.taken = true; // its sender gave it up; nobody will wait for it
          }
          removed.add((E) item);
        }
      }
      if (!removed.isEmpty()) {
        notFull.signalAll();
        taken.signalAll();
        if (items.isEmpty() && state == SEND_CLOSED) {
          becomeClosed();
        }
      }
    } finally {
      lock.unlock();
    }
    removed.forEach(support::discard);
  }

  @Override
  public String toString() {
    return name + "[" + size() + "/" + (capacity == Integer.MAX_VALUE ? "unbounded" : capacity) + "]";
  }
}
