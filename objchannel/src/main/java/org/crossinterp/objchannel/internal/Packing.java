package org.crossinterp.objchannel.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.ResumableTask;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.objchannel.Sharer;

/**
 * The sharing protocol (DESIGN §5), in order: immutable values as they are; registered sharers
 * by exact class; arrays and {@code java.nio} buffers copied ({@link Copies}: arrays of objects
 * element by element, each element by these rules); proxies for the rest; otherwise {@link
 * NotShareableException}. {@link #pack} runs in the sender, {@link #unpack} in the receiver; the
 * same rules serve channel items and the arguments and results of proxy calls ({@link
 * ProxyCall}), where the arrays and buffers lent to the call are numbered ({@link LentArrays}).
 */
public final class Packing {
  /** {@link #unpack} as a step (one instance, no allocation). */
  private static final Elements.Step UNPACK = (i, packed) -> unpack(packed);

  private Packing() {}

  /** Whether every one of {@code values} crosses as it is (packing leaves it unchanged). */
  static boolean allAsIs(Object[] values) {
    for (Object v : values) {
      if (!crossesAsIs(v)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code o} crosses as it is: null, or immutable (rule 1, views aside). */
  static boolean crossesAsIs(Object o) {
    if (o == null) {
      return true;
    }
    return switch (Immutability.kindOf(o.getClass())) {
      case VALUE -> true;
      case OPTIONAL, IMMUTABLE_COLLECTION -> Immutability.isValue(o);
      case VIEW, OTHER -> false;
    };
  }

  /**
   * Packs {@code o} in the calling thread's interpreter, for a channel. Null packs to null (proxy
   * arguments and results may be null; channels refuse null before this).
   *
   * @throws NotShareableException if no rule applies
   */
  public static Object pack(Object o) {
    return pack(o, null, null);
  }

  /**
   * Packs {@code o} for {@code destination} (null: not known yet, a channel item), numbering
   * arrays and buffers in {@code lent} (null outside proxy calls).
   */
  static Object pack(Object o, Domain destination, LentArrays lent) {
    if (crossesAsIs(o)) {
      return o;
    }
    Kind kind = Immutability.kindOf(o.getClass());
    if (kind == Kind.VIEW) {
      return new Item.ViewShare(((CrossInterpreterView) o).share(), Domain.current());
    }
    ProxyState forwarded = ProxyRegistry.stateOf(o);
    if (forwarded != null) {
      return forward(forwarded);
    }
    Sharer<Object> sharer = SharerRegistry.find(o.getClass());
    if (sharer != null) {
      return shareWith(sharer, o, Domain.current());
    }
    if (Copies.isCopied(o)) {
      return Copies.pack(o, destination, lent);
    }
    ProxyType pc = proxyTypeOf(o, kind);
    Domain sender = Domain.current();
    sender.shareAcquired();
    return new Item.ProxyRef(sender, o, pc);
  }

  /**
   * Packs {@code o} to arrive in {@code destination} as a {@code declared}, refusing (and
   * releasing) a proxy that would not be one: a {@code Thread} where a {@code Thread} is
   * declared would arrive as a proxy of {@code Runnable}. Refusing before it crosses gives a
   * clear message instead of a {@code ClassCastException} naming a generated class.
   *
   * @param what says what {@code o} is, by {@code index}, for the message
   */
  static Object packAs(
      Object o,
      Class<?> declared,
      Domain destination,
      LentArrays lent,
      IntFunction<String> what,
      int index) {
    Object packed = pack(o, destination, lent);
    if (packed instanceof Item.ProxyRef r
        && r.origin() != destination
        && !declared.isAssignableFrom(r.type().type())) {
      discard(packed);
      throw new NotShareableException(
          what.apply(index)
              + " is declared "
              + declared.getName()
              + ", but the "
              + r.target().getClass().getName()
              + " given would arrive"
              + (destination == null ? "" : " in interpreter " + destination)
              + " as a proxy implementing "
              + r.type().proxiedTypes()
              + ", which is not a "
              + declared.getName()
              + ". Fix: declare it as one of those interfaces, register a Sharer for "
              + r.target().getClass().getName()
              + ", or pass an immutable value");
    }
    return packed;
  }

  /** A proxy travels as its origin object: no chains, and it arrives home as the original. */
  private static Item.ProxyRef forward(ProxyState forwarded) {
    Object target = forwarded.target();
    if (target == null) {
      throw new IllegalStateException(
          "cannot send a released proxy (its refcount reached 0); receive the object again, or"
              + " Proxies.retain() it before the last release");
    }
    forwarded.origin().shareAcquired();
    return new Item.ProxyRef(
        forwarded.origin(), target, ProxyRegistry.proxyTypeFor(target.getClass()));
  }

  /** Rule 2: runs the sharer in the sender and checks that its data may cross as is. */
  private static Item.Shared shareWith(Sharer<Object> sharer, Object o, Domain sender) {
    Object data = sharer.share(o);
    if (!Immutability.isShareable(data)) {
      throw new NotShareableException(
          "the Sharer registered for "
              + o.getClass().getName()
              + " returned "
              + (data == null ? "null" : "a " + data.getClass().getName())
              + ", which is not shareable as is, so nothing was sent. Fix: make share() return"
              + " immutable data (a String, a boxed primitive, a record of immutable components,"
              + " List.of(...) of such values, a CrossInterpreterView)");
    }
    Object packed =
        data instanceof CrossInterpreterView v ? new Item.ViewShare(v.share(), sender) : data;
    return new Item.Shared(o.getClass(), sharer, packed, sender);
  }

  /** The proxy class for {@code o}, or a message that says what keeps it from crossing. */
  private static ProxyType proxyTypeOf(Object o, Kind kind) {
    if (kind == Kind.OPTIONAL) {
      // Optional is final and has no interface: say which content kept it from crossing
      Object content = ((Optional<?>) o).orElseThrow();
      throw new NotShareableException(
          "java.util.Optional cannot cross to another interpreter: it is shared as is only when"
              + " its content is, and its content, a "
              + content.getClass().getName()
              + ", is not immutable. Fix: send the content itself (it is then shared, or proxied),"
              + " or an Optional of an immutable value");
    }
    return ProxyRegistry.proxyTypeFor(o.getClass());
  }

  /**
   * Unpacks in the calling thread's interpreter what {@link #pack} made. All or nothing: if any
   * part fails to arrive (a proxy that cannot be made, an {@code unshare} that throws), every
   * share the item held is released, the parts unpacked before taken back, and the failure
   * propagates unchanged. The item is consumed either way.
   */
  public static Object unpack(Object packed) {
    return unpack(packed, null);
  }

  /** {@link #unpack}, putting the arrays and buffers of a proxy call in their slots. */
  static Object unpack(Object packed, LentArrays lent) {
    if (!(packed instanceof Item item)) {
      return packed; // immutable, or null
    }
    return switch (item) {
      case Item.ViewShare v -> v.share();
      case Item.Shared s -> unshare(s);
      case Item.ArrayCopy a -> Copies.unpack(a, lent);
      case Item.PlainCopy c -> Copies.unpack(c, lent);
      case Item.CopyRef r -> lent.get(r.slot());
      case Item.ProxyRef r -> {
        Domain receiver = Domain.current();
        if (receiver == r.origin()) {
          r.origin().shareReleased(); // home again: the original object, no share needed
          yield r.target();
        }
        yield ProxyRegistry.proxyFor(r, receiver);
      }
    };
  }

  /** {@link #unpack} with {@code lent} as a step. */
  static Elements.Step unpacking(LentArrays lent) {
    return lent == null ? UNPACK : (i, packed) -> unpack(packed, lent);
  }

  private static Object unshare(Item.Shared s) {
    Object data = unpack(s.data());
    boolean done = false;
    try {
      Object value = s.sharer().unshare(data);
      done = true;
      return value;
    } finally {
      if (!done && data instanceof CrossInterpreterView v) {
        v.release(); // the receiver never got it
      }
    }
  }

  /**
   * Unpacks several packed objects (the items of a {@code closeNow}); all or nothing, as {@link
   * #unpack}.
   *
   * @return the values; {@code packed} itself when it holds only immutable values
   */
  public static Object[] unpackAll(Object[] packed) {
    return unpackAll(packed, null);
  }

  /**
   * {@link #unpackAll} for the arguments of a proxy call, whose arrays and buffers go into their
   * slots. A call with only immutable arguments allocates nothing.
   */
  static Object[] unpackAll(Object[] packed, LentArrays lent) {
    if (packed != null) {
      for (Object p : packed) {
        if (p instanceof Item) {
          return Elements.unpack(packed, new Object[packed.length], unpacking(lent));
        }
      }
    }
    return packed;
  }

  /** Releases what a packed item holds when it will never be unpacked. Any thread. */
  public static void discard(Object packed) {
    if (!(packed instanceof Item item)) {
      return;
    }
    switch (item) {
      case Item.Shared s -> discard(s.data());
      case Item.ArrayCopy a -> {
        for (Object e : a.elements()) {
          discard(e);
        }
      }
      case Item.PlainCopy c -> {} // a copy pins nothing
      case Item.CopyRef r -> {} // the array is its sender's, and stays so
      case Item.ViewShare v -> v.share().release();
      case Item.ProxyRef r -> r.origin().runPending((ResumableTask) r.origin()::shareReleased);
    }
  }

  /** Whether a packed item will arrive as an instance of {@code type} in {@code receiver}. */
  public static boolean arrivesAs(Object packed, Class<?> type, Domain receiver) {
    Objects.requireNonNull(type, "type");
    if (!(packed instanceof Item item)) {
      return type.isInstance(packed);
    }
    return switch (item) {
      case Item.ViewShare v -> type.isAssignableFrom(CrossInterpreterView.class);
      case Item.Shared s -> type.isAssignableFrom(s.type());
      case Item.ArrayCopy a -> type.isAssignableFrom(a.type());
      case Item.PlainCopy c -> type.isInstance(c.copy());
      case Item.CopyRef r -> type == Object.class; // only inside a call, never a channel item
      case Item.ProxyRef r ->
          receiver == r.origin()
              ? type.isInstance(r.target())
              : type.isAssignableFrom(r.type().type());
    };
  }

  /** The interpreter a packed item is bound to, or null. */
  public static Domain origin(Object packed) {
    return packed instanceof Item item ? item.origin() : null;
  }

  /** A short description of what a packed item will arrive as, for messages. */
  public static String describe(Object packed) {
    if (!(packed instanceof Item item)) {
      return packed == null ? "null" : packed.getClass().getName();
    }
    return switch (item) {
      case Item.ViewShare v -> CrossInterpreterView.class.getName();
      case Item.Shared s -> s.type().getName();
      case Item.ArrayCopy a -> a.type().getTypeName();
      case Item.PlainCopy c -> c.copy().getClass().getTypeName();
      case Item.CopyRef r -> "an array or buffer crossed earlier in the same call";
      case Item.ProxyRef r -> "a proxy implementing " + r.type().proxiedTypes();
    };
  }
}
