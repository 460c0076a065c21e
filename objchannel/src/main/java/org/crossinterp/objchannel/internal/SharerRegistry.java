package org.crossinterp.objchannel.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.crossinterp.objchannel.Sharer;

/**
 * Rule 2 of the sharing protocol: sharers registered by exact class. (Primitive arrays need
 * none: arrays are copied, see {@link Copies}.)
 */
public final class SharerRegistry {
  private static final Map<Class<?>, Sharer<?>> REGISTERED = new ConcurrentHashMap<>();

  private SharerRegistry() {}

  /** Registers {@code sharer} for exactly {@code type}; returns the one it replaced, or null. */
  public static <T> Sharer<?> register(Class<T> type, Sharer<T> sharer) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sharer, "sharer");
    if (type.isPrimitive() || type.isInterface() || isPrimitiveArray(type)) {
      throw new IllegalArgumentException(
          "cannot register a sharer for " + type.getName()
              + ": sharers match exact classes of objects (not interfaces or primitives), and"
              + " primitive arrays are always copied");
    }
    return REGISTERED.put(type, sharer);
  }

  /** Removes the sharer of exactly {@code type}; returns it, or null. */
  public static Sharer<?> unregister(Class<?> type) {
    return REGISTERED.remove(Objects.requireNonNull(type, "type"));
  }

  /** The sharer registered for exactly {@code type}, or null. */
  @SuppressWarnings("unchecked")
  public static Sharer<Object> find(Class<?> type) {
    return (Sharer<Object>) REGISTERED.get(type);
  }

  private static boolean isPrimitiveArray(Class<?> type) {
    return type.isArray() && type.getComponentType().isPrimitive();
  }

  @Override
  public String toString() {
    return "SharerRegistry" + Arrays.toString(REGISTERED.keySet().toArray());
  }
}
