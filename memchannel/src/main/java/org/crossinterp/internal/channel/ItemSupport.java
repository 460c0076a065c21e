package org.crossinterp.internal.channel;

import org.crossinterp.internal.interp.Domain;

/**
 * What a {@link ChannelCore} needs to know about the items of one kind of channel. Called
 * outside the channel's lock.
 *
 * @param <E> the queued form of an item
 */
public interface ItemSupport<E> {
  /**
   * The interpreter the item is bound to, or null for values bound to none (always delivered).
   */
  Domain origin(E item);

  /** Releases the share an item holds that will never be received. */
  void discard(E item);
}
