package org.crossinterp.internal.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks every channel kind shares, so that a wrong capacity or timeout gets the
 * same message from a {@code MemChannel} and an {@code ObjChannel}. Stateless; any thread.
 */
final class ChannelArguments {
  private ChannelArguments() {}

  /** See {@link ChannelCore#checkCapacity(int)}. */
  static int checkCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException(
          "capacity must be 0 (rendezvous) or more, was "
              + capacity
              + "; leave it out for an unbounded channel");
    }
    return capacity;
  }

  /** See {@link ChannelCore#nanos(Duration)}. */
  static long nanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "timeout must not be negative, was " + timeout + "; use Duration.ZERO not to wait");
    }
    return timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : timeout.toNanos();
  }
}
