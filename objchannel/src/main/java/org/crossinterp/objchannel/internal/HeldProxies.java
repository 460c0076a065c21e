package org.crossinterp.objchannel.internal;

/**
 * Marks the proxies a receiver was handed to release, so that dropping one is reported as a
 * leak: those in a channel item (the item itself, or elements of an array in it). What a
 * {@code Sharer} unshares is the sharer's business, and the proxies a call makes for its
 * arguments and results never come through here.
 */
public final class HeldProxies {
  private HeldProxies() {}

  /**
   * {@link Packing#unpack Unpacks} a received channel item in the calling thread's interpreter
   * and marks the proxies in it held.
   *
   * @param packed the item as it travelled
   * @return what the receiver gets
   */
  public static Object unpack(Object packed) {
    Object value = Packing.unpack(packed);
    mark(packed, value, "received from a channel");
    return value;
  }

  /**
   * Marks the proxies in a received channel item held, once it was unpacked (for receives that
   * unpack several items at once).
   *
   * @param packed the item as it travelled
   * @param value what {@link Packing#unpack} made of it
   */
  public static void markReceived(Object packed, Object value) {
    mark(packed, value, "received from a channel");
  }

  /** Marks {@code proxy} held, if it is one of ours (for {@code Proxies.share}). */
  public static void mark(Object proxy, String how) {
    ProxyState state = ProxyRegistry.stateOf(proxy);
    if (state != null) {
      state.held(how);
    }
  }

  private static void mark(Object packed, Object value, String how) {
    // instanceof rather than a switch over the sealed Item: only these two forms hand out proxies
    if (packed instanceof Item.ProxyRef) {
      mark(value, how); // a proxy, or the object itself back home
    } else if (packed instanceof Item.ArrayCopy a && value instanceof Object[] values) {
      Object[] elements = a.elements();
      for (int i = 0; i < elements.length && i < values.length; i++) {
        mark(elements[i], values[i], how);
      }
    }
  }
}
