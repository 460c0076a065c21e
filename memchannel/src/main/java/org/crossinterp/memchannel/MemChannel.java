package org.crossinterp.memchannel;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crossinterp.Channel;
import org.crossinterp.NotShareableException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.channel.ChannelCore;
import org.crossinterp.internal.channel.ItemSupport;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.leak.LeakTracker;

/**
 * A channel that passes buffers between interpreters without copying them (Nick Coghlan's
 * MemChannel). The receiver gets a read-only {@link CrossInterpreterView} over the very memory
 * the sender exported; releasing the view switches back to the sender to end the export.
 *
 * <p>{@link #send} accepts a {@link java.lang.foreign.MemorySegment} (global, automatic,
 * shared-arena or heap: a confined segment is refused with {@link NotShareableException}), a
 * {@link java.nio.ByteBuffer} (its remaining bytes), a {@code byte[]}, a {@link SharedBuffer}
 * or any {@link BufferExporter}. Each send is one export: the sending interpreter's {@link
 * org.crossinterp.Interpreter#liveShares()} counts it from the send until the last view of it is
 * released. A send that fails, times out or is interrupted releases its export at once: the
 * sender still owns the buffer and nothing is pinned.
 *
 * <p>All operations and their semantics are those of {@link Channel}: FIFO, bounded or
 * unbounded or rendezvous, timeouts, {@code closeSend}/{@code close}/{@code closeNow},
 * unbound-item policies. Any thread, any interpreter; waiting releases the caller's interpreter
 * lock. Sending an item happens-before its receipt.
 */
public final class MemChannel implements Channel<Object, CrossInterpreterView> {
  private static final ItemSupport<Export> SUPPORT =
      new ItemSupport<>() {
        @Override
        public Domain origin(Export item) {
          return item.origin();
        }

        @Override
        public void discard(Export item) {
          item.release();
        }
      };

  private final ChannelCore<Export> core;

  private MemChannel(Builder b) {
    ChannelCore<Export> c = new ChannelCore<>(b.capacity, b.policy, b.name, SUPPORT);
    this.core = c;
    // A channel dropped with items in it releases them, so that they do not pin their senders'
    // interpreters forever. The action holds the core only, never this channel.
    LeakTracker.cleaner().register(this, c::discardAll);
  }

  /**
   * An unbounded channel.
   *
   * @return a new open channel
   */
  public static MemChannel create() {
    return builder().build();
  }

  /**
   * A bounded channel; 0 makes a rendezvous channel, whose sends return once received.
   *
   * @param capacity the most items queued at once; not negative
   * @return a new open channel
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public static MemChannel create(int capacity) {
    return builder().capacity(capacity).build();
  }

  /**
   * A builder for channels with a capacity, an unbound-item policy or a name.
   *
   * @return a new builder (unbounded, {@link UnboundPolicy#DELIVER}, generated name)
   */
  public static Builder builder() {
    return new Builder(Integer.MAX_VALUE, UnboundPolicy.DELIVER, null);
  }

  private static CrossInterpreterView firstView(Export e) {
    return e == null ? null : CrossInterpreterView.first(e);
  }

  @Override
  public void send(Object item) throws InterruptedException {
    sendOrRelease(item, ChannelCore.FOREVER);
  }

  @Override
  public boolean send(Object item, Duration timeout) throws InterruptedException {
    return sendOrRelease(item, ChannelCore.nanos(timeout));
  }

  @Override
  public boolean trySend(Object item) {
    Export.requireItem(item);
    if (core.looksFull()) {
      return false;
    }
    try {
      return sendOrRelease(item, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean sendOrRelease(Object item, long nanos) throws InterruptedException {
    Export e = Export.acquire(item);
    boolean sent = false;
    try {
      sent = core.send(e, nanos);
      return sent;
    } finally {
      if (!sent) {
        e.release();
      }
      // Keeps the channel from being cleaned (and its items discarded) while a send is in it.
      Reference.reachabilityFence(this);
    }
  }

  private CrossInterpreterView receive(long nanos) throws InterruptedException {
    try {
      return firstView(core.recv(nanos));
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  @Override
  public CrossInterpreterView recv() throws InterruptedException {
    return receive(ChannelCore.FOREVER);
  }

  @Override
  public CrossInterpreterView recv(Duration timeout) throws InterruptedException {
    return receive(ChannelCore.nanos(timeout));
  }

  @Override
  public CrossInterpreterView tryRecv() {
    try {
      return receive(0);
    } catch (InterruptedException e) {
      throw new AssertionError("a receive that does not wait cannot be interrupted", e);
    }
  }

  @Override
  public void closeSend() {
    core.closeSend();
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public List<CrossInterpreterView> closeNow() {
    List<Export> items = core.closeNow();
    List<CrossInterpreterView> views = new ArrayList<>(items.size());
    for (Export e : items) {
      views.add(firstView(e));
    }
    return views;
  }

  @Override
  public long id() {
    return core.id();
  }

  /**
   * The name given at creation, or {@code channel-<id>}.
   *
   * @return the name
   */
  public String name() {
    return core.name();
  }

  @Override
  public int size() {
    return core.size();
  }

  @Override
  public int capacity() {
    return core.capacity();
  }

  @Override
  public boolean isClosed() {
    return core.isClosed();
  }

  @Override
  public UnboundPolicy unboundPolicy() {
    return core.policy();
  }

  @Override
  public String toString() {
    return "MemChannel " + core;
  }

  /** An immutable builder of {@link MemChannel}s; each method returns a new builder. */
  public static final class Builder {
    private final int capacity;
    private final UnboundPolicy policy;
    private final String name;

    private Builder(int capacity, UnboundPolicy policy, String name) {
      this.capacity = capacity;
      this.policy = policy;
      this.name = name;
    }

    /**
     * Bounds the channel; 0 makes it a rendezvous channel.
     *
     * @param capacity the most items queued at once; not negative
     * @return a builder with this capacity
     * @throws IllegalArgumentException if negative
     */
    public Builder capacity(int capacity) {
      return new Builder(ChannelCore.checkCapacity(capacity), policy, name);
    }

    /**
     * What to do with queued items whose sending interpreter is closed.
     *
     * @param policy not null
     * @return a builder with this policy
     */
    public Builder unboundPolicy(UnboundPolicy policy) {
      return new Builder(capacity, Objects.requireNonNull(policy, "policy"), name);
    }

    /**
     * A name for messages.
     *
     * @param name not null
     * @return a builder with this name
     */
    public Builder name(String name) {
      return new Builder(capacity, policy, Objects.requireNonNull(name, "name"));
    }

    /**
     * Creates the channel.
     *
     * @return a new open channel
     */
    public MemChannel build() {
      return new MemChannel(this);
    }
  }
}
