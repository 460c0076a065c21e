package org.crossinterp.internal.channel;

import java.util.concurrent.atomic.AtomicLong;

/** Process-wide, sequential channel ids shared by every kind of channel. */
final class ChannelIds {
  private static final AtomicLong NEXT = new AtomicLong(1);

  private ChannelIds() {}

  static long next() {
    return NEXT.getAndIncrement();
  }
}
