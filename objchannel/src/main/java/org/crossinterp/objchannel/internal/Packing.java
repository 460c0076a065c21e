package org.crossinterp.objchannel.internal;

import java.util.Objects;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.objchannel.Sharer;

/**
 * The sharing protocol (DESIGN §5), in order: immutable values as they are; registered sharers
 * by exact class; proxies for the rest; otherwise {@link NotShareableException}. {@link #pack}
 * runs in the sender, {@link #unpack} in the receiver; the same rules serve channel items and
 * the arguments and results of proxy calls.
 */
public final class Packing {
  private Packing() {}

  /**
   * Packs {@code o} in the calling thread's interpreter. Null packs to null (proxy arguments and
   * results may be null; channels refuse null before this).
   *
   * @throws NotShareableException if no rule applies
   */
  public static Object pack(Object o) {
    if (o == null) {
      return null;
    }
    Domain sender = Domain.current();
    switch (Immutability.kindOf(o.getClass())) {
      case VALUE:
        return o;
      case OPTIONAL, IMMUTABLE_COLLECTION:
        if (Immutability.isShareable(o)) {
          return o;
        }
        break;
      case VIEW:
        CrossInterpreterView v = (CrossInterpreterView) o;
        return new Item.ViewShare(v.share(), sender);
      case OTHER:
        break;
    }
    ProxyState forwarded = ProxyRegistry.stateOf(o);
    if (forwarded != null) {
      // a proxy travels as its origin object: no chains, and it arrives home as the original
      Object target = forwarded.target();
      if (target == null) {
        throw new IllegalStateException(
            "cannot send a released proxy; receive the object again, or retain() it first");
      }
      forwarded.origin().shareAcquired();
      return new Item.ProxyRef(
          forwarded.origin(), target, ProxyRegistry.proxyClassFor(target.getClass()));
    }
    Sharer<Object> sharer = SharerRegistry.find(o.getClass());
    if (sharer != null) {
      Object data = sharer.share(o);
      if (!SharerRegistry.isBuiltIn(sharer) && !Immutability.isShareable(data)) {
        throw new NotShareableException(
            "the Sharer registered for "
                + o.getClass().getName()
                + " returned a "
                + (data == null ? "null" : data.getClass().getName())
                + ", which is not shareable as is; share() must return immutable data (a"
                + " String, a boxed primitive, a record of immutable components, List.of...)");
      }
      return new Item.Shared(o.getClass(), sharer, data, sender);
    }
    var proxyClass = ProxyRegistry.proxyClassFor(o.getClass());
    sender.shareAcquired();
    return new Item.ProxyRef(sender, o, proxyClass);
  }

  /** Unpacks in the calling thread's interpreter what {@link #pack} made. */
  public static Object unpack(Object packed) {
    if (!(packed instanceof Item item)) {
      return packed; // immutable, or null
    }
    return switch (item) {
      case Item.ViewShare v -> v.share();
      case Item.Shared s -> s.sharer().unshare(s.data());
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

  /** Releases what a packed item holds when it will never be unpacked. Any thread. */
  public static void discard(Object packed) {
    if (!(packed instanceof Item item)) {
      return;
    }
    switch (item) {
      case Item.Shared s -> {}
      case Item.ViewShare v -> v.share().release();
      case Item.ProxyRef r -> r.origin().runPending(r.origin()::shareReleased);
    }
  }

  /**
   * Packs every argument in place (the array is the proxy's own fresh copy). Immutable arguments
   * stay as they are, so a call with only such arguments packs without allocating.
   */
  static Object[] packAll(Object[] args) {
    if (args != null) {
      for (int i = 0; i < args.length; i++) {
        try {
          args[i] = pack(args[i]);
        } catch (RuntimeException | Error e) {
          for (int k = 0; k < i; k++) {
            discard(args[k]); // nothing half-sent: release what was packed already
          }
          throw e;
        }
      }
    }
    return args;
  }

  /** Unpacks every argument in place. */
  static Object[] unpackAll(Object[] packed) {
    if (packed != null) {
      for (int i = 0; i < packed.length; i++) {
        if (packed[i] instanceof Item) {
          try {
            packed[i] = unpack(packed[i]);
          } catch (RuntimeException | Error e) {
            for (int k = i + 1; k < packed.length; k++) {
              discard(packed[k]);
            }
            throw e;
          }
        }
      }
    }
    return packed;
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
      case Item.ProxyRef r ->
          receiver == r.origin()
              ? type.isInstance(r.target())
              : type.isAssignableFrom(r.proxyClass().type());
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
      case Item.ProxyRef r -> "a proxy implementing " + r.proxyClass().proxiedTypes();
    };
  }
}
