package org.crossinterp.conformance.selftest;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.crossinterp.memchannel.CrossInterpreterView;

/** Numbered buffer items: four big-endian bytes; the number is read from the received view. */
final class Items {
  private static final ValueLayout.OfInt INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private Items() {}

  static byte[] bytes(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  static int number(Object received) {
    return ((CrossInterpreterView) received).segment().get(INT, 0);
  }
}
