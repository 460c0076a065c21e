package org.crossinterp.objchannel.internal;

import java.lang.reflect.Array;
import java.util.Objects;
import java.util.Optional;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.ResumableTask;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.objchannel.Sharer;

/**
 * The sharing protocol (DESIGN §5), in order: immutable values as they are; registered sharers
 * by exact class (primitive arrays: copied); arrays of objects copied element by element, each
 * element by these rules; proxies for the rest; otherwise {@link NotShareableException}. {@link #pack}
 * runs in the sender, {@link #unpack} in the receiver; the same rules serve channel items and
 * the arguments and results of proxy calls.
 */
public final class Packing {
  /** {@link #unpack} as a step (one instance, no allocation). */
  private static final Elements.Step UNPACK = (i, packed) -> unpack(packed);

  private Packing() {}

  /** Whether every one of {@code values} crosses as it is (packing leaves it unchanged). */
  private static boolean allAsIs(Object[] values) {
    for (Object v : values) {
      if (!crossesAsIs(v)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code o} crosses as it is: null, or immutable (rule 1, views aside). */
  private static boolean crossesAsIs(Object o) {
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
   * Packs {@code o} in the calling thread's interpreter. Null packs to null (proxy arguments and
   * results may be null; channels refuse null before this).
   *
   * @throws NotShareableException if no rule applies
   */
  public static Object pack(Object o) {
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
    Domain sender = Domain.current();
    Sharer<Object> sharer = SharerRegistry.find(o.getClass());
    if (sharer != null) {
      return shareWith(sharer, o, sender);
    }
    if (o instanceof Object[] array) {
      return copyArray(array, sender);
    }
    ProxyType pc = proxyTypeOf(o, kind);
    sender.shareAcquired();
    return new Item.ProxyRef(sender, o, pc);
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

  /** Packs a copy of an object array, element by element; on failure releases what it packed. */
  private static Item.ArrayCopy copyArray(Object[] array, Domain sender) {
    Class<?> component = array.getClass().getComponentType();
    // a snapshot (the sender may write to its array afterwards) that can hold packed items
    Object[] packed =
        Elements.pack(
            array, new Object[array.length], (i, e) -> packElement(array, i, e, component));
    return new Item.ArrayCopy(array.getClass(), packed, sender);
  }

  /** Packs element {@code i} of {@code array}, refusing a proxy that would not fit the array. */
  private static Object packElement(Object[] array, int i, Object element, Class<?> component) {
    Object packed = pack(element);
    if (packed instanceof Item.ProxyRef r && !component.isAssignableFrom(r.type().type())) {
      discard(packed);
      throw new NotShareableException(
          "element "
              + i
              + " of a "
              + array.getClass().getTypeName()
              + " is a "
              + element.getClass().getName()
              + ", which would arrive as a proxy implementing "
              + r.type().proxiedTypes()
              + ", not as a "
              + component.getName()
              + ". Fix: send an array of one of those interfaces, register a Sharer for "
              + element.getClass().getName()
              + ", or send immutable values");
    }
    return packed;
  }

  /** Rule 2: runs the sharer in the sender and checks that its data may cross as is. */
  private static Item.Shared shareWith(Sharer<Object> sharer, Object o, Domain sender) {
    Object data = sharer.share(o);
    if (SharerRegistry.isBuiltIn(sharer)) {
      return new Item.Shared(o.getClass(), sharer, data, sender);
    }
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
    if (!(packed instanceof Item item)) {
      return packed; // immutable, or null
    }
    return switch (item) {
      case Item.ViewShare v -> v.share();
      case Item.Shared s -> unshare(s);
      case Item.ArrayCopy a -> unpackArray(a);
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

  private static Object[] unpackArray(Item.ArrayCopy a) {
    Object[] packed = a.elements();
    Object[] out = (Object[]) Array.newInstance(a.type().getComponentType(), packed.length);
    return Elements.unpack(packed, out, UNPACK);
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
      case Item.ViewShare v -> v.share().release();
      case Item.ProxyRef r -> r.origin().runPending((ResumableTask) r.origin()::shareReleased);
    }
  }

  /**
   * Packs the arguments of a proxy call in place (the array is the proxy's own fresh copy),
   * checking that each will arrive in {@code destination} as an instance of its declared
   * parameter type. Nothing is half-sent: on failure what was packed is released.
   */
  static Object[] packArguments(Object[] args, ProxyType type, int methodId, Domain destination) {
    // immutable arguments cross as they are: a call with only such arguments packs nothing, so
    // it allocates nothing (not even the packing step)
    if (args != null && !allAsIs(args)) {
      Elements.pack(
          args,
          args,
          (i, arg) -> packAs(arg, type.parameterType(methodId, i), destination, type, methodId, i));
    }
    return args;
  }

  /** Packs the result of a proxy call in the origin, checking its declared return type. */
  static Object packResult(Object result, ProxyType type, int methodId, Domain destination) {
    return packAs(result, type.returnType(methodId), destination, type, methodId, -1);
  }

  /** Packs {@code o}, refusing (and releasing) what would not arrive as a {@code declared}. */
  private static Object packAs(
      Object o, Class<?> declared, Domain destination, ProxyType type, int methodId, int arg) {
    Object packed = pack(o);
    try {
      checkArrives(packed, declared, destination, type, methodId, arg);
    } catch (RuntimeException e) {
      discard(packed);
      throw e;
    }
    return packed;
  }

  /**
   * Refuses a packed object that would arrive as a proxy that is not an instance of the declared
   * type (a {@code Thread} returned by a method declared to return {@code Thread} would arrive as
   * a proxy of {@code Runnable}).
   */
  private static void checkArrives(
      Object packed, Class<?> declared, Domain destination, ProxyType type, int methodId, int arg) {
    if (packed instanceof Item.ProxyRef r
        && r.origin() != destination
        && !declared.isAssignableFrom(r.type().type())) {
      String what =
          (arg < 0 ? "the result of " : "argument " + (arg + 1) + " of ") + type.describe(methodId);
      throw new NotShareableException(
          what
              + " is declared "
              + declared.getName()
              + ", but the "
              + r.target().getClass().getName()
              + " given would arrive in interpreter "
              + destination
              + " as a proxy implementing "
              + r.type().proxiedTypes()
              + ", which is not a "
              + declared.getName()
              + ". Fix: declare it as one of those interfaces, register a Sharer for "
              + r.target().getClass().getName()
              + ", or pass an immutable value");
    }
  }

  /**
   * Unpacks several packed objects (the arguments of a call, the items of a {@code closeNow});
   * all or nothing, as {@link #unpack}.
   *
   * @return the values; {@code packed} itself when it holds only immutable values, so that a
   *     call with only such arguments allocates nothing
   */
  public static Object[] unpackAll(Object[] packed) {
    if (packed != null) {
      for (Object p : packed) {
        if (p instanceof Item) {
          return Elements.unpack(packed, new Object[packed.length], UNPACK);
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
      case Item.ArrayCopy a -> type.isAssignableFrom(a.type());
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
      case Item.ProxyRef r -> "a proxy implementing " + r.type().proxiedTypes();
    };
  }
}
