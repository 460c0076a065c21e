package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;

class ObjChannelSmokeTest {
  @Test
  void valuesProxiesAndHome() throws Exception {
    try (Interpreter a = Interpreter.create("a"); Interpreter b = Interpreter.create("b")) {
      ObjChannel ch = ObjChannel.create();
      String s = "hello";
      List<String> list = a.call(() -> new ArrayList<>(List.of("x")));
      a.call(
          () -> {
            ch.send(s);
            ch.send(list);
            ch.send(list);
            return null;
          });
      assertEquals(2, a.liveShares());
      b.call(
          () -> {
            assertSame(s, ch.recv());
            @SuppressWarnings("unchecked")
            List<String> p1 = (List<String>) ch.recv();
            Object p2 = ch.recv();
            assertSame(p1, p2);
            assertTrue(Proxies.isProxy(p1));
            assertEquals(a, Proxies.owner(p1));
            assertEquals(2, Proxies.refCount(p1));
            p1.add("y");
            assertEquals(2, p1.size());
            assertEquals("y", p1.get(1));
            ch.send(p1); // home again
            Proxies.release(p1);
            Proxies.release(p1);
            return null;
          });
      Object home = a.call(ch::recv);
      assertSame(list, home);
      assertEquals(0, a.liveShares());
      assertEquals(0, b.liveShares());
    }
  }
}
