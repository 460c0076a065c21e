package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class ProxySmokeTest {
  @Test
  void routesCallsAndInvokesOnTarget() throws Throwable {
    ProxyClass<IntBinaryOperator> pc = ProxyFactory.standard().proxyClass(IntBinaryOperator.class);
    assertSame(pc, ProxyFactory.standard().proxyClass(IntBinaryOperator.class));
    IntBinaryOperator real = (a, b) -> a * b;
    List<Integer> ids = new ArrayList<>();
    IntBinaryOperator p =
        pc.newInstance(
            (proxy, id, args) -> {
              ids.add(id);
              return pc.invoker().invoke(real, id, args);
            });
    assertEquals(42, p.applyAsInt(6, 7));
    assertEquals("applyAsInt", pc.method(ids.get(0)).getName());
    assertTrue(ProxyFactory.isProxy(p));
  }
}
