package org.crossinterp.objchannel.internal;

import org.crossinterp.internal.interp.Domain;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.objchannel.Sharer;

/**
 * An object on its way from one interpreter to another, in the form the sharing protocol gave
 * it in the sender. (Immutable values travel as themselves, not wrapped: they are bound to no
 * interpreter and need nothing done on arrival.) {@link Packing#unpack} turns it into what the
 * receiver gets; {@link Packing#discard} releases what it holds if it is never received.
 */
public sealed interface Item {
  /** The interpreter the item is bound to, or null when it is bound to none. */
  Domain origin();

  /** A view, crossing as a new share of its export (which keeps the memory alive). */
  record ViewShare(CrossInterpreterView share, Domain origin) implements Item {}

  /** Rule 2: data a sharer made in the sender, to be unshared in the receiver. */
  record Shared(Class<?> type, Sharer<Object> sharer, Object data, Domain origin) implements Item {}

  /**
   * An array of objects, copied element by element in the sender, each element packed by the
   * same rules (so {@code String...} arguments work, and a mutable element arrives as a proxy).
   * Arrays are mutable: the receiver gets its own array, never the sender's.
   *
   * @param slot its number among the arrays and buffers of a proxy call ({@link LentArrays}), or
   *     -1 outside calls
   */
  record ArrayCopy(Class<?> type, Object[] elements, Domain origin, int slot) implements Item {}

  /**
   * A primitive array or a {@code java.nio} buffer, copied whole in the sender: nothing in it
   * needs packing, and the receiver gets this copy.
   *
   * @param slot as for {@link ArrayCopy}
   */
  record PlainCopy(Object copy, Domain origin, int slot) implements Item {}

  /**
   * An array or buffer that crossed earlier in the same proxy call: it arrives as the receiver's
   * one in that slot. So an array passed twice arrives once, and the callee's copy of an
   * argument, returned or written somewhere, arrives back as the caller's own array.
   */
  record CopyRef(int slot) implements Item {
    @Override
    public Domain origin() {
      return null; // bound to nothing: it names an array the receiver has already
    }
  }

  /**
   * Rule 3: an object that stays in {@code origin} and is reached through a proxy. While in
   * flight it holds one counted share of {@code origin}.
   */
  record ProxyRef(Domain origin, Object target, ProxyType type) implements Item {}
}
