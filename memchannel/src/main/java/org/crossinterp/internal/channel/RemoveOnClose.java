package org.crossinterp.internal.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.Domains;

/**
 * The open channels with {@link UnboundPolicy#REMOVE}: when an interpreter closes, each drops
 * the items that interpreter sent. Weak, so that a forgotten channel is not kept alive by this
 * registry (its items are then released by its cleaner). Any thread; the set is synchronized, and
 * the removal runs on the closing thread with no registry lock held (it takes each channel's
 * lock, then releases items outside it).
 */
final class RemoveOnClose {
  private static final Map<ChannelCore<?>, Boolean> CHANNELS =
      Collections.synchronizedMap(new WeakHashMap<>());

  static {
    Domains.onClose(RemoveOnClose::interpreterClosed);
  }

  private RemoveOnClose() {}

  /** Adds a channel, at creation. */
  static void register(ChannelCore<?> c) {
    CHANNELS.put(c, Boolean.TRUE);
  }

  /** Drops a channel once it is closed: no item will be queued in it again. */
  static void unregister(ChannelCore<?> c) {
    CHANNELS.remove(c);
  }

  private static void interpreterClosed(Domain closed) {
    List<ChannelCore<?>> cores;
    synchronized (CHANNELS) {
      cores = new ArrayList<>(CHANNELS.keySet());
    }
    for (ChannelCore<?> c : cores) {
      c.removeItemsOf(closed);
    }
  }
}
