package org.crossinterp.objchannel;

import org.crossinterp.objchannel.internal.Immutability;
import org.crossinterp.objchannel.internal.SharerRegistry;

/**
 * Rules 1 and 2 of the sharing protocol: which objects cross as they are, and the registry of
 * {@link Sharer}s.
 *
 * <p><b>Shared as is</b> (the receiver gets the identical object): {@code String}, boxed
 * primitives, {@code BigInteger}, {@code BigDecimal}, enums, {@code java.time} values, {@code
 * UUID}, {@code Optional} of a shareable, records whose components are all declared with
 * immutable types (checked once per class: a record with a {@code List} or {@code
 * StringBuilder} component is not, whatever it holds; a component declared with a sealed type
 * all of whose permitted subtypes are such records or enums is), immutable JDK collections
 * ({@code List.of}, {@code Map.copyOf}, {@code Stream.toList()}, {@code Map.entry}, the empty and
 * singleton collections of {@code Collections}; not {@code Collections.unmodifiable*} views, not
 * iterators) of shareables, {@code Interpreter}s, channels (any {@code org.crossinterp.Channel},
 * also as a record component) and {@code StrView}s. A live {@code
 * CrossInterpreterView} is shareable too and arrives as a new share of its memory, but only by
 * itself: inside an {@code Optional} or a collection it would arrive as the identical object,
 * so such a container is not shareable as is.
 *
 * <p>Thread-safe; any interpreter.
 */
public final class Shareables {
  private Shareables() {}

  /**
   * Whether {@code o} crosses to another interpreter as is. False for null. Any thread; a class
   * is examined once, collections and optionals each time (their elements decide).
   *
   * @param o any object
   * @return true for immutable values
   */
  public static boolean isShareable(Object o) {
    return Immutability.isShareable(o);
  }

  /**
   * Whether every value of a variable declared with {@code type} is shareable as is: primitives,
   * the immutable value classes above, enums, and records all of whose components are declared
   * with such types. The static check behind records, offered for build-time rules.
   *
   * @param type a declared type
   * @return true if provably immutable
   */
  public static boolean isShareableType(Class<?> type) {
    return Immutability.isShareableType(type);
  }

  /**
   * Registers how values of exactly {@code type} cross by value (subclasses are not matched).
   * Replaces a sharer registered before for the same type. Takes effect for the sends that
   * follow, in every interpreter; it does not apply to values that are shareable as is. Any
   * thread.
   *
   * @param type the exact class
   * @param sharer the sharer
   * @param <T> the type
   * @throws IllegalArgumentException for interfaces, primitives and primitive arrays (which are
   *     always copied); nothing is registered
   * @throws NullPointerException if an argument is null
   */
  public static <T> void register(Class<T> type, Sharer<T> sharer) {
    SharerRegistry.register(type, sharer);
  }

  /**
   * Removes the sharer of exactly {@code type}; its values then cross by the next rule (as a
   * proxy, or not at all). Items already sent are unshared with the sharer they were sent with.
   * Any thread.
   *
   * @param type the class
   * @return true if one was registered
   */
  public static boolean unregister(Class<?> type) {
    return SharerRegistry.unregister(type) != null;
  }
}
