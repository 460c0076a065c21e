package org.crossinterp.objchannel;

import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.crossinterp.Channel;
import org.crossinterp.NotShareableException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.channel.ChannelCore;
import org.crossinterp.internal.channel.ItemSupport;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.leak.LeakTracker;
import org.crossinterp.objchannel.internal.HeldProxies;
import org.crossinterp.objchannel.internal.Packing;

/**
 * A channel that sends any object to another interpreter (PEP 554's channels, with PEP 797's
 * proxies). What happens to a sent object, in this order (the {@code tp_share} protocol):
 *
 * <ol>
 *   <li><b>Shared as is</b> when immutable ({@link Shareables#isShareable}): the receiver gets
 *       the identical object. A {@code CrossInterpreterView} arrives as a new share of the same
 *       memory.
 *   <li><b>A registered {@link Sharer}</b> (exact class): {@code share} runs in the sender when
 *       the object is sent, {@code unshare} in the receiver when it is received. Primitive arrays
 *       are copied; arrays of objects are copied element by element, each element crossing by
 *       these rules. A {@code java.nio} buffer ({@code ByteBuffer}, {@code CharBuffer}...) is
 *       copied whole, all of its capacity, with its position, limit, mark and byte order, direct
 *       if it was a direct {@code ByteBuffer}, read-only if it was. (As arguments of proxy
 *       calls, arrays and buffers are also restored afterwards: see {@link Proxies}.)
 *   <li><b>A proxy</b> for anything else with a public interface (or a proxyable class): the
 *       object stays in the sending interpreter, which counts a share for it, and the receiver
 *       gets a proxy that switches back for every call ({@link Proxies}); it implements the
 *       object's public interfaces and extends its nearest public abstract superclass that
 *       declares methods of its own, so an {@code InputStream} arrives as an {@code
 *       InputStream}. A proxy sent on arrives as a proxy of the original object; sent home, as
 *       the original.
 *   <li>Otherwise {@link NotShareableException}, naming the type, why, and the fix.
 * </ol>
 *
 * <p>All operations and semantics of {@link Channel} apply, shared with {@code MemChannel}:
 * FIFO, bounded, unbounded or rendezvous, timeouts, {@code closeSend}/{@code close}/{@code
 * closeNow}, unbound-item policies (an item of a closed interpreter under {@link
 * UnboundPolicy#DELIVER} arrives; a proxy of it throws {@code InterpreterClosedException} when
 * called). Any thread, any interpreter; waiting releases the caller's interpreter lock; a send
 * happens-before the receipt of the item. Channels themselves are shareable: sent over a
 * channel, a channel arrives as the same object.
 *
 * <p>An item in flight holds what it needs in its sender: a proxied object counts one share in
 * its owner's {@code liveShares()} until it is received (the receiver's proxy takes the share
 * over), refused, or discarded. Items still queued in a channel that is garbage-collected are
 * discarded and their shares released.
 *
 * <p>A receive that fails while the item arrives (a proxy whose class's constructor throws, a
 * {@code Sharer.unshare} that throws, in the item or in any element of it) consumes the item,
 * releases every share it held at once, and throws the failure unchanged; the channel stays
 * usable. A {@link #closeNow} that fails so hands over nothing and releases every item.
 */
public final class ObjChannel implements Channel<Object, Object> {
  private static final ItemSupport<Object> SUPPORT =
      new ItemSupport<>() {
        @Override
        public Domain origin(Object item) {
          return Packing.origin(item);
        }

        @Override
        public void discard(Object item) {
          Packing.discard(item);
        }
      };

  private final ChannelCore<Object> core;

  private ObjChannel(Builder b) {
    this.core = new ChannelCore<>(b.capacity, b.policy, b.name, SUPPORT);
    LeakTracker.cleaner().register(this, new DropItems(core));
  }

  /**
   * Releases the shares held by items still queued in a channel that was garbage-collected:
   * nobody can receive them any more (as CPython discards the items of a destroyed channel).
   * Holds the core, never the channel.
   */
  private record DropItems(ChannelCore<Object> core) implements Runnable {
    @Override
    public void run() {
      core.closeNow().forEach(Packing::discard);
    }
  }

  /**
   * An unbounded channel.
   *
   * @return a new open channel
   */
  public static ObjChannel create() {
    return builder().build();
  }

  /**
   * A bounded channel; 0 makes a rendezvous channel.
   *
   * @param capacity the most items queued at once; not negative
   * @return a new open channel
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public static ObjChannel create(int capacity) {
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

  @Override
  public void send(Object item) throws InterruptedException {
    sendPacked(item, ChannelCore.FOREVER);
  }

  @Override
  public boolean send(Object item, Duration timeout) throws InterruptedException {
    return sendPacked(item, ChannelCore.nanos(timeout));
  }

  @Override
  public boolean trySend(Object item) {
    Objects.requireNonNull(item, "item");
    if (core.looksFull()) {
      return false;
    }
    try {
      return sendPacked(item, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean sendPacked(Object item, long nanos) throws InterruptedException {
    Objects.requireNonNull(item, "item");
    Object packed = Packing.pack(item);
    boolean sent = false;
    try {
      sent = core.send(packed, nanos);
      return sent;
    } finally {
      if (!sent) {
        Packing.discard(packed);
      }
      Reference.reachabilityFence(this); // a waiting sender keeps the channel (and its items)
    }
  }

  @Override
  public Object recv() throws InterruptedException {
    return receive(ChannelCore.FOREVER);
  }

  @Override
  public Object recv(Duration timeout) throws InterruptedException {
    return receive(ChannelCore.nanos(timeout));
  }

  @Override
  public Object tryRecv() {
    try {
      return receive(0);
    } catch (InterruptedException e) {
      throw new AssertionError("a receive that does not wait cannot be interrupted", e);
    }
  }

  private Object receive(long nanos) throws InterruptedException {
    try {
      return HeldProxies.unpack(core.recv(nanos));
    } finally {
      Reference.reachabilityFence(this); // a waiting receiver keeps the channel alive
    }
  }

  /**
   * Receives the oldest item as a {@code T}, waiting until there is one. The type is checked
   * before the item is taken, so a wrong guess consumes nothing.
   *
   * @param as what the item must arrive as: its class or a supertype; for a proxy, an interface
   *     it implements (or the proxied class); a primitive class stands for its wrapper
   * @param <T> the type
   * @return the item
   * @throws ClassCastException if the oldest item would not arrive as a {@code T}; it was not
   *     consumed by this call: it stays first in the channel, or, if it arrived while this call
   *     waited, it goes to the next waiting receiver (or stays queued) as if this call had not
   *     waited; nothing else changed
   * @throws InterruptedException if interrupted while waiting; nothing was consumed
   * @throws org.crossinterp.ChannelClosedException once the channel is closed and drained
   */
  public <T> T recv(Class<T> as) throws InterruptedException {
    Objects.requireNonNull(as, "as");
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) MethodType.methodType(as).wrap().returnType();
    Domain receiver = Domain.current();
    try {
      Object packed =
          core.recv(
              ChannelCore.FOREVER,
              head -> {
                if (!Packing.arrivesAs(head, type, receiver)) {
                  throw new ClassCastException(
                      "the next item of channel "
                          + core.name()
                          + " arrives as "
                          + Packing.describe(head)
                          + ", not "
                          + as.getName()
                          + "; it was left in the channel. Receive it as one of its types, or"
                          + " with recv()");
                }
              });
      return type.cast(HeldProxies.unpack(packed));
    } finally {
      Reference.reachabilityFence(this);
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
  public List<Object> closeNow() {
    // all or nothing: if an item cannot arrive, none reaches the caller, so none may pin anything
    Object[] packed = core.closeNow().toArray();
    Object[] items = Packing.unpackAll(packed);
    for (int i = 0; i < items.length; i++) {
      HeldProxies.markReceived(packed[i], items[i]);
    }
    return new ArrayList<>(Arrays.asList(items));
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
    return "ObjChannel " + core;
  }

  /** An immutable builder of {@link ObjChannel}s; each method returns a new builder. */
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
    public ObjChannel build() {
      return new ObjChannel(this);
    }
  }
}
