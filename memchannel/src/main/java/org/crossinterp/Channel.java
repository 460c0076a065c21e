package org.crossinterp;

import java.time.Duration;
import java.util.List;

/**
 * A FIFO channel between interpreters (PEP 554): what one interpreter sends, another receives,
 * and ownership of what crosses is tracked. {@code MemChannel} passes buffers zero-copy;
 * {@code ObjChannel} passes objects. Both share these operations and semantics.
 *
 * <p><b>Threads and interpreters.</b> Every method may be called from any thread, inside any
 * interpreter. The interpreter the calling thread is in ({@link Interpreter#current()}) is the
 * sending interpreter of a send. A method that waits releases the caller's interpreter lock for
 * the time it waits (like CPython releasing the GIL), so other threads may enter that interpreter
 * meanwhile, and a receiver waiting inside an interpreter never blocks calls into it.
 *
 * <p><b>Memory effects.</b> Actions in a thread before it sends an item happen-before actions
 * that follow the receipt of that item in another thread (as {@link
 * java.util.concurrent.BlockingQueue}).
 *
 * <p><b>Capacity.</b> Unbounded channels report {@link Integer#MAX_VALUE}; a bounded channel
 * makes senders wait while it holds {@code capacity()} items; capacity 0 is a rendezvous: a send
 * returns only once its item was received.
 *
 * @param <T> what may be sent
 * @param <R> what a receiver gets
 */
public interface Channel<T, R> extends AutoCloseable {

  /**
   * Sends an item, waiting while the channel is full (or, at capacity 0, until it is received).
   *
   * @param item the item; not null
   * @throws InterruptedException if interrupted while waiting; the item was not sent and the
   *     sender still owns it
   * @throws NullPointerException if {@code item} is null
   * @throws ChannelClosedException if sending is closed, or the channel is closed while waiting
   * @throws NotShareableException if the item cannot cross to another interpreter
   */
  void send(T item) throws InterruptedException;

  /**
   * Sends an item, waiting at most {@code timeout}.
   *
   * @param item the item; not null
   * @param timeout how long to wait at most; not negative
   * @return {@code true} if sent; {@code false} on timeout, in which case the item was withdrawn
   *     and the sender still owns it
   * @throws InterruptedException if interrupted while waiting; the item was not sent
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  boolean send(T item, Duration timeout) throws InterruptedException;

  /**
   * Sends an item if that is possible without waiting. At capacity 0 it succeeds only if a
   * receiver is already waiting and takes the item.
   *
   * @param item the item; not null
   * @return {@code false} when full; the sender still owns the item
   */
  boolean trySend(T item);

  /**
   * Receives the oldest item, waiting until there is one.
   *
   * @return the item, now owned by the receiving interpreter
   * @throws InterruptedException if interrupted while waiting; nothing was consumed
   * @throws ChannelClosedException once the channel is closed and drained
   */
  R recv() throws InterruptedException;

  /**
   * Receives the oldest item, waiting at most {@code timeout}.
   *
   * @param timeout how long to wait at most; not negative
   * @return the item, or {@code null} on timeout
   * @throws InterruptedException if interrupted while waiting; nothing was consumed
   * @throws ChannelClosedException once the channel is closed and drained
   */
  R recv(Duration timeout) throws InterruptedException;

  /**
   * Receives the oldest item if there is one.
   *
   * @return the item, or {@code null} when empty
   * @throws ChannelClosedException once the channel is closed and drained
   */
  R tryRecv();

  /**
   * Closes the sending end: further sends throw {@link ChannelClosedException}, senders waiting
   * for room give up with it, and items already sent are still delivered. The channel is fully
   * closed once drained. Idempotent.
   */
  void closeSend();

  /**
   * Closes both ends of an empty channel; receivers waiting get {@link ChannelClosedException}.
   * Idempotent once closed.
   *
   * @throws ChannelNotEmptyException if items are pending; nothing was changed
   */
  @Override
  void close();

  /**
   * Closes both ends at once. Waiting senders and receivers get {@link
   * ChannelClosedException}; the undelivered items are received by the caller and returned, so
   * nothing is lost.
   *
   * @return the items that were still queued, oldest first, received by the calling interpreter
   */
  List<R> closeNow();

  /**
   * A process-wide, sequential, never reused id.
   *
   * @return the id
   */
  long id();

  /**
   * How many items are queued right now (a snapshot).
   *
   * @return the number of items
   */
  int size();

  /**
   * The capacity given at creation; {@link Integer#MAX_VALUE} when unbounded.
   *
   * @return the capacity
   */
  int capacity();

  /**
   * Whether the channel is fully closed: by {@link #close()}, {@link #closeNow()}, or by {@link
   * #closeSend()} followed by draining.
   *
   * @return true when no operation but {@link #closeNow()} and {@link #close()} can succeed
   */
  boolean isClosed();

  /**
   * The policy for items whose sending interpreter is closed while they are queued.
   *
   * @return the policy
   */
  UnboundPolicy unboundPolicy();
}
