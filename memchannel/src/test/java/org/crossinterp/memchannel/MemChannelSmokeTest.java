package org.crossinterp.memchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;

class MemChannelSmokeTest {
  @Test
  void sendRecvRelease() throws Exception {
    try (Interpreter a = Interpreter.create("a"); Interpreter b = Interpreter.create("b")) {
      MemChannel ch = MemChannel.create();
      SharedBuffer buf = a.call(() -> SharedBuffer.allocate(16));
      a.call(
          () -> {
            buf.segment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 42);
            ch.send(buf);
            return null;
          });
      assertEquals(1, a.liveShares());
      assertEquals(1, buf.exports());
      byte got =
          b.call(
              () -> {
                try (CrossInterpreterView v = ch.recv()) {
                  assertEquals(a, v.origin());
                  return v.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
                }
              });
      assertEquals(42, got);
      assertEquals(0, a.liveShares());
      assertEquals(0, buf.exports());
      assertTrue(Interpreter.listAll().contains(a));
    }
  }
}
