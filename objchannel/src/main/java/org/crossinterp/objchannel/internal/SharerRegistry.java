package org.crossinterp.objchannel.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.crossinterp.objchannel.Sharer;

/**
 * Rule 2 of the sharing protocol: sharers registered by exact class, plus the built-in copying
 * sharers of primitive arrays (each receiver gets its own copy, so nothing mutable is aliased).
 */
public final class SharerRegistry {
  private static final Map<Class<?>, Sharer<?>> REGISTERED = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Sharer<?>> BUILT_IN =
      Map.of(
          boolean[].class, copying((boolean[] a) -> a.clone()),
          byte[].class, copying((byte[] a) -> a.clone()),
          char[].class, copying((char[] a) -> a.clone()),
          short[].class, copying((short[] a) -> a.clone()),
          int[].class, copying((int[] a) -> a.clone()),
          long[].class, copying((long[] a) -> a.clone()),
          float[].class, copying((float[] a) -> a.clone()),
          double[].class, copying((double[] a) -> a.clone()));

  private SharerRegistry() {}

  private static <T> Sharer<T> copying(java.util.function.UnaryOperator<T> copy) {
    return new Sharer<>() {
      @Override
      public Object share(T value) {
        return copy.apply(value);
      }

      @Override
      @SuppressWarnings("unchecked")
      public T unshare(Object data) {
        return (T) data;
      }

      @Override
      public String toString() {
        return "copying sharer";
      }
    };
  }

  /** Registers {@code sharer} for exactly {@code type}; returns the one it replaced, or null. */
  public static <T> Sharer<?> register(Class<T> type, Sharer<T> sharer) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sharer, "sharer");
    if (type.isPrimitive() || type.isInterface() || BUILT_IN.containsKey(type)) {
      throw new IllegalArgumentException(
          "cannot register a sharer for " + type.getName()
              + ": sharers match exact classes of objects (not interfaces or primitives), and"
              + " primitive arrays have a built-in copying sharer");
    }
    return REGISTERED.put(type, sharer);
  }

  /** Removes the sharer of exactly {@code type}; returns it, or null. */
  public static Sharer<?> unregister(Class<?> type) {
    return REGISTERED.remove(Objects.requireNonNull(type, "type"));
  }

  /** The sharer of exactly {@code type}, built in or registered, or null. */
  @SuppressWarnings("unchecked")
  public static Sharer<Object> find(Class<?> type) {
    Sharer<?> s = REGISTERED.get(type);
    if (s == null && type.isArray()) {
      s = BUILT_IN.get(type);
    }
    return (Sharer<Object>) s;
  }

  /** Whether {@code s} is a built-in copying sharer (whose data is a private copy). */
  static boolean isBuiltIn(Sharer<?> s) {
    return BUILT_IN.containsValue(s);
  }

  @Override
  public String toString() {
    return "SharerRegistry" + Arrays.toString(REGISTERED.keySet().toArray());
  }
}
