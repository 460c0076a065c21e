package org.crossinterp.objchannel.internal;

import org.crossinterp.memchannel.CrossInterpreterView;

/**
 * Taking back an unpack whose value will never reach anybody: a later part of the same item (an
 * element after it in an array, an argument after it in a call, an item after it in {@code
 * closeNow}) failed, so the whole receive fails. What the value took over when it was unpacked
 * is released at once instead of being left to the collector, which would pin the sender's
 * objects for as long as the receiver's garbage lives.
 *
 * <p>Only what unpacking itself created is taken back: a proxy reference (a new proxy's share,
 * or the count added to a live one) and a view share. An object a {@link
 * org.crossinterp.objchannel.Sharer} rebuilt belongs to user code, which may have handed it on.
 */
final class Undelivered {
  private Undelivered() {}

  /**
   * Releases what {@code value}, the result of {@link Packing#unpack unpacking} {@code packed}
   * in the calling thread's interpreter, holds. Never fails: it runs while another failure
   * propagates, and a second one would hide it.
   */
  static void release(Object packed, Object value) {
    if (!(packed instanceof Item item) || value == null) {
      return;
    }
    try {
      switch (item) {
        case Item.ViewShare v -> ((CrossInterpreterView) value).release();
        case Item.Shared s -> {} // the sharer's object: user code owns it now
        case Item.PlainCopy c -> {} // a copy pins nothing
        case Item.CopyRef r -> {} // an array the receiver had already
        case Item.ArrayCopy a -> {
          Object[] elements = a.elements();
          Object[] values = (Object[]) value;
          for (int i = 0; i < elements.length; i++) {
            release(elements[i], values[i]);
          }
        }
        case Item.ProxyRef r -> {
          // home again, the value is the original object, which holds no share (pack forwards
          // proxies to their targets, so a target is never itself a proxy)
          ProxyState state = ProxyRegistry.stateOf(value);
          if (state != null) {
            ProxyOps.release(state, value);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      Thread me = Thread.currentThread();
      me.getUncaughtExceptionHandler().uncaughtException(me, e);
    }
  }
}
