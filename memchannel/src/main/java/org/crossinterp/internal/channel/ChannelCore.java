package org.crossinterp.internal.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.ItemInterpreterClosedException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.Waiting;
import org.crossinterp.internal.jfr.ChannelEvent;
import org.crossinterp.internal.jfr.JfrGate;

/**
 * The queue, capacity, waiting and closing logic shared by every channel kind.
 *
 * <p><b>Locking.</b> One {@link ReentrantLock} guards the items, the wait queues and the state,
 * so every operation (send, receive, {@code close}, {@code closeNow}, a waiter giving up) is
 * atomic and the channel is linearizable. No user code runs under it: items to discard are
 * collected and released after unlocking (a receive gate, library code, is the one exception).
 * Lock order is "interpreter lock, then channel lock", never the reverse: an operation that has to
 * wait first gives back the caller's interpreter lock ({@link Domain#blocking}).
 *
 * <p><b>Waiting.</b> Nobody waits holding the channel lock. A thread that must wait queues a
 * {@link Waiter} node under the lock, unlocks, parks through {@link Waiting} (so that a
 * dedicated interpreter's thread keeps serving its event loop meanwhile, and tasks it runs may use
 * this very channel), then locks again and reads what it was woken with. Wakers decide the
 * waiter's outcome under the lock (an item, "sent", "taken", a refusal, closed) before waking
 * it, so a wake-up is never lost: a waiter woken at the instant it timed out or was interrupted
 * takes its outcome and keeps the interrupt status, as {@code AbstractQueuedSynchronizer} does.
 * Operations that do not wait never look at the interrupt flag.
 *
 * <p><b>Dual queue.</b> Receivers wait only while the queue is empty, each in a {@link
 * ReceiveWaiter} with a slot. A send that finds one hands the item over directly (its gate, if
 * any, sees it first; a refusal wakes that receiver with the gate's exception and the item goes to
 * the next one): the item counts as received at that instant, so {@code trySend} on a rendezvous
 * channel succeeds exactly when some waiting receiver accepts, and never waits. A rendezvous send
 * with no receiver waiting queues a {@link Handoff} and waits until it is taken. Senders waiting
 * for room in a bounded channel are {@link SendWaiter}s: a receive that makes room moves the
 * oldest one's item in.
 *
 * <p><b>Ownership.</b> When {@link #send} returns {@code false} or throws, the item was not
 * queued and the caller still owns it. Items leave the core exactly once: by a receive, by
 * {@link #closeNow()}, or by {@link ItemSupport#discard} (unbound-item policies). An item that
 * {@code closeNow()} hands to its caller counts as received: a rendezvous sender waiting for it
 * returns normally.
 *
 * @param <E> the queued form of an item
 */
public final class ChannelCore<E> {
  /** Wait without a time limit. */
  public static final long FOREVER = Waiting.FOREVER;

  private static final int OPEN = 0;
  private static final int SEND_CLOSED = 1;
  private static final int CLOSED = 2;

  private final long id = ChannelIds.next();
  private final String name;
  private final int capacity;
  private final UnboundPolicy policy;
  private final ItemSupport<E> support;
  private final ReentrantLock lock = new ReentrantLock();
  /** Items ({@code E}), and at capacity 0 {@link Handoff}s; oldest first. */
  private final ArrayDeque<Object> items = new ArrayDeque<>();
  /** Non-empty only while {@link #items} is empty. */
  private final WaitQueue<ReceiveWaiter<E>> receivers = new WaitQueue<>();
  /** Non-empty only while {@link #items} is full (capacity above 0, sending open). */
  private final WaitQueue<SendWaiter<E>> senders = new WaitQueue<>();
  private int state = OPEN;

  /**
   * Creates a channel core. Any thread.
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
   * Refuses a negative capacity, for every channel kind's builder. Any thread.
   *
   * @param capacity the capacity asked for
   * @return {@code capacity}
   * @throws IllegalArgumentException if negative
   */
  public static int checkCapacity(int capacity) {
    return ChannelArguments.checkCapacity(capacity);
  }

  /**
   * Converts a timeout to nanoseconds, refusing negative ones. Any thread.
   *
   * @param timeout the timeout; not null, not negative
   * @return nanoseconds, saturated at {@link Long#MAX_VALUE}
   * @throws IllegalArgumentException if negative
   */
  public static long nanos(Duration timeout) {
    return ChannelArguments.nanos(timeout);
  }

  /**
   * The id. Any thread.
   *
   * @return the process-wide id
   */
  public long id() {
    return id;
  }

  /**
   * The name. Any thread.
   *
   * @return the name given, or a generated one
   */
  public String name() {
    return name;
  }

  /**
   * The capacity. Any thread.
   *
   * @return the capacity; {@link Integer#MAX_VALUE} when unbounded
   */
  public int capacity() {
    return capacity;
  }

  /**
   * The unbound-item policy. Any thread.
   *
   * @return the policy
   */
  public UnboundPolicy policy() {
    return policy;
  }

  // ------------------------------------------------------------------ send

  /**
   * Whether a send would have to wait right now: a cheap pre-check so that a failing {@code
   * trySend} need not acquire a share first. False once sending is closed, so that the send
   * itself reports the closed channel. Any thread.
   *
   * @return true if no receiver waits and there is no room
   */
  public boolean looksFull() {
    lock.lock();
    try {
      return state == OPEN && receivers.isEmpty() && items.size() >= capacity;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends {@code item}, waiting up to {@code nanos} ({@link #FOREVER}, or 0 for not at all):
   * hands it to a waiting receiver, or queues it if there is room, or (when {@code nanos} allows)
   * waits for a receiver or for room. Any thread; a send that completes without waiting ignores
   * the interrupt flag. The send happens-before the receive that gets the item.
   *
   * @param item the item; the core owns it once this returns true
   * @param nanos how long to wait at most
   * @return true if sent; false on timeout, the caller still owning the item
   * @throws InterruptedException if interrupted while waiting; the caller still owns the item
   * @throws ChannelClosedException if sending is closed; the caller still owns the item
   */
  public boolean send(E item, long nanos) throws InterruptedException {
    Objects.requireNonNull(item, "item");
    lock.lock();
    try {
      checkSendOpen();
      if (sendNow(item)) {
        return true;
      }
    } finally {
      lock.unlock();
    }
    if (nanos == 0) {
      return false;
    }
    return Domain.blocking(() -> awaitSent(item, nanos));
  }

  /**
   * Under the lock, with sending open: hands {@code item} to a waiting receiver that accepts it,
   * or else queues it if there is room. False if it would have to wait.
   */
  private boolean sendNow(E item) {
    if (handToReceiver(item)) {
      return true;
    }
    if (items.size() < capacity) {
      items.addLast(item);
      record("send", items.size());
      return true;
    }
    return false;
  }

  /**
   * Under the lock: offers {@code item} to the waiting receivers, oldest first, until one
   * accepts; every one that refuses is woken with its refusal.
   */
  private boolean handToReceiver(E item) {
    ReceiveWaiter<E> r;
    while ((r = receivers.poll()) != null) {
      if (r.offer(item)) {
        // As if queued and received at once: the same two events a queued transfer records.
        record("send", items.size() + 1);
        record("recv", items.size());
        return true;
      }
    }
    return false;
  }

  /** The waiting part of {@link #send}, with the caller's interpreter lock given back. */
  private boolean awaitSent(E item, long nanos) throws InterruptedException {
    Waiter w;
    lock.lock();
    try {
      checkSendOpen(); // again: the channel may have changed since send() looked
      if (sendNow(item)) {
        return true;
      }
      if (capacity == 0) {
        Handoff h = new Handoff(item);
        items.addLast(h);
        record("send", items.size());
        w = h;
      } else {
        SendWaiter<E> s = new SendWaiter<>(item);
        senders.add(s);
        w = s;
      }
    } finally {
      lock.unlock();
    }
    Throwable failure = park(w, nanos);
    lock.lock();
    try {
      if (w.isWoken()) {
        if (w instanceof SendWaiter<?> s && !s.sent()) {
          throw failure != null ? unchecked(failure) : sendClosed();
        }
        // Taken or admitted: sent, whatever the clock or the interrupt flag say now.
      } else {
        if (w instanceof Handoff h) {
          items.remove(h);
        } else {
          senders.remove(w);
        }
        if (failure != null) {
          throw unchecked(failure);
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        return false;
      }
    } finally {
      lock.unlock();
    }
    reportLate(failure);
    return true;
  }

  /**
   * Parks until {@code w} is woken, {@code nanos} pass or an interrupt; no lock held. Returns
   * what escaped the wait (a VM error: nothing else can), so that the caller first settles its
   * node under the lock: a queued node whose thread left would swallow a wake-up, or an item.
   */
  private Throwable park(Waiter w, long nanos) {
    try {
      w.awaitWoken(nanos, this);
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  /**
   * Hands an error that escaped a wait whose outcome already stands (the item was sent, or
   * received) to the thread's uncaught exception handler, as hook failures are: throwing it
   * would tell the caller it still owns an item it gave away, or lose the item it got. Called
   * with no lock held: the handler is user code.
   */
  private static void reportLate(Throwable failure) {
    if (failure != null) {
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, failure);
    }
  }

  /** {@code t}, a RuntimeException or an Error, to throw as is. */
  private static RuntimeException unchecked(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (RuntimeException) t;
  }

  /** A Flight Recorder event for a transfer, when a recording asks for it. Under the lock. */
  private void record(String operation, int queueSize) {
    if (!JfrGate.transfers()) {
      return;
    }
    ChannelEvent e = new ChannelEvent();
    if (e.isEnabled()) {
      e.channelId = id;
      e.channelName = name;
      e.operation = operation;
      e.queueSize = queueSize;
      e.commit();
    }
  }

  private void checkSendOpen() {
    if (state != OPEN) {
      throw sendClosed();
    }
  }

  private ChannelClosedException sendClosed() {
    return new ChannelClosedException(
        "channel " + name + " is closed for sending; create a new channel to send more");
  }

  // ------------------------------------------------------------------ receive

  /**
   * Takes the oldest item, waiting up to {@code nanos} ({@link #FOREVER}, or 0 for not at all).
   * Any thread; a receive that completes without waiting ignores the interrupt flag.
   *
   * @param nanos how long to wait at most
   * @return the item, now owned by the caller, or null on timeout
   * @throws InterruptedException if interrupted while waiting; nothing was consumed
   * @throws ChannelClosedException once closed and drained
   * @throws ItemInterpreterClosedException for an item of a closed interpreter under {@link
   *     UnboundPolicy#ERROR}; the item was consumed
   */
  public E recv(long nanos) throws InterruptedException {
    return recv(nanos, null);
  }

  /**
   * As {@link #recv(long)}, but {@code gate} sees the item first, under the lock, and may refuse
   * it by throwing: then nothing is consumed and the exception reaches the caller. The gate runs
   * on the calling thread for a queued item, and on the sending thread for an item handed to this
   * receiver while it waits; if it refuses such an item, the item goes to the next receiver (or
   * stays with its sender) and this receive throws what the gate threw.
   *
   * @param nanos how long to wait at most
   * @param gate what may refuse the item, or null; it must not block or use the channel
   * @return the item, now owned by the caller, or null on timeout
   * @throws InterruptedException if interrupted while waiting; nothing was consumed
   * @throws ChannelClosedException once closed and drained
   * @throws ItemInterpreterClosedException for an item of a closed interpreter under {@link
   *     UnboundPolicy#ERROR}; the item was consumed
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

  /** Applies the unbound-item policy to a taken item: true to deliver it. No lock held. */
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

  /** The waiting part of {@link #recv}, with the caller's interpreter lock given back. */
  private E awaitItem(long nanos, Consumer<? super E> gate) throws InterruptedException {
    ReceiveWaiter<E> r;
    lock.lock();
    try {
      @SuppressWarnings("unchecked")
      E o = (E) dequeue(gate); // again: an item may have come since recv() looked
      if (o != null) {
        return o;
      }
      checkRecvOpen();
      r = new ReceiveWaiter<>(gate);
      receivers.add(r);
    } finally {
      lock.unlock();
    }
    Throwable failure = park(r, nanos);
    if (!r.isWoken()) {
      lock.lock();
      try {
        if (!r.isWoken()) {
          receivers.remove(r);
          if (failure != null) {
            throw unchecked(failure);
          }
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          return null;
        }
      } finally {
        lock.unlock();
      }
    }
    // Woken: the outcome is final, whatever the clock or the interrupt flag say now.
    reportLate(failure);
    E item = r.outcome();
    if (item == null) {
      throw recvClosed();
    }
    return item;
  }

  /**
   * Removes the oldest item under the lock, or returns null; settles the closed state and lets
   * the oldest waiting sender into the room made. A {@code gate} that throws leaves the item
   * first in the channel.
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
    record("recv", items.size());
    if (o instanceof Handoff h) {
      h.take();
      o = h.item;
    } else {
      admitWaitingSenders();
    }
    if (items.isEmpty() && state == SEND_CLOSED) {
      becomeClosed();
    }
    return o;
  }

  /**
   * Under the lock: moves the items of the oldest waiting senders into the room there is, and
   * wakes them as having sent. Senders wait only while the channel is full, so no receiver waits
   * now; the hand-off is tried anyway, so that no path can queue an item past a waiting receiver.
   */
  private void admitWaitingSenders() {
    while (items.size() < capacity) {
      SendWaiter<E> s = senders.poll();
      if (s == null) {
        return;
      }
      if (!handToReceiver(s.item)) {
        items.addLast(s.item);
        record("send", items.size());
      }
      s.admitted();
    }
  }

  private void checkRecvOpen() {
    if (state == CLOSED || (state == SEND_CLOSED && items.isEmpty())) {
      throw recvClosed();
    }
  }

  private ChannelClosedException recvClosed() {
    return new ChannelClosedException(
        "channel " + name + " is closed and drained; nothing more will arrive");
  }

  // ------------------------------------------------------------------ closing

  /**
   * Closes the sending end: waiting senders give up with {@link ChannelClosedException} (keeping
   * their items), while rendezvous senders whose items are queued still wait for them to be
   * received; the channel closes fully once drained. Idempotent; any thread.
   */
  public void closeSend() {
    lock.lock();
    try {
      if (state != OPEN) {
        return;
      }
      state = SEND_CLOSED;
      senders.wakeAll(SendWaiter::close);
      if (items.isEmpty()) {
        becomeClosed();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes an empty channel; waiting receivers and senders get {@link ChannelClosedException}.
   * Idempotent; any thread.
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
   * Closes at once and returns the queued items, oldest first; the caller now owns them, and
   * rendezvous senders waiting for them return normally. Other waiting senders and receivers get
   * {@link ChannelClosedException}. Any thread.
   *
   * @return the items that were queued
   */
  @SuppressWarnings("unchecked")
  public List<E> closeNow() {
    lock.lock();
    try {
      List<E> out = new ArrayList<>(items.size());
      Object o;
      while ((o = items.pollFirst()) != null) {
        if (o instanceof Handoff h) {
          h.take();
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
   * with items in it, so that they do not pin their interpreters forever. Any thread (the
   * cleaner's).
   */
  public void discardAll() {
    for (E item : closeNow()) {
      support.discard(item);
    }
  }

  /** Under the lock, with the queue empty: wakes every waiter with "closed". */
  private void becomeClosed() {
    state = CLOSED;
    receivers.wakeAll(ReceiveWaiter::close);
    senders.wakeAll(SendWaiter::close);
    if (policy == UnboundPolicy.REMOVE) {
      RemoveOnClose.unregister(this);
    }
  }

  /**
   * Whether fully closed. Any thread.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    lock.lock();
    try {
      return state == CLOSED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The number of queued items, waiting rendezvous items included. Any thread.
   *
   * @return the number of items
   */
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
      return receivers.size();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ unbound items

  /**
   * Drops and releases the queued items {@code closed} sent ({@link UnboundPolicy#REMOVE}); a
   * rendezvous sender of one returns normally, as it gave the item up. Called by {@link
   * RemoveOnClose} on the closing thread; the releases run after unlocking.
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
            h.take(); // its sender gave it up; nobody will wait for it
          }
          removed.add((E) item);
        }
      }
      if (!removed.isEmpty()) {
        admitWaitingSenders();
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
