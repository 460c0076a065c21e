package org.crossinterp.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.proxygen.ProxyClass;
import org.crossinterp.proxygen.ProxyFactory;
import org.junit.jupiter.api.Test;

/**
 * Bugs the kit's samples found in other modules (now fixed there), kept as regression tests of
 * the fixed behaviour.
 */
class CrossModuleRegressionTest {
  /**
   * proxy-gen's Invoker binds varargs methods to a variable-arity MethodHandle; asSpreader/asType
   * then collect the String[] argument into a new array as its single element, and the call
   * fails with ClassCastException (String[] to String). Fix: {@code lookup.unreflect(m)
   * .asFixedArity()} in {@code Invoker.of}.
   */
  @Test
  void invokerPassesTheVarargsArrayAsGiven() throws Throwable {
    ProxyClass<Joiner> pc = ProxyFactory.standard().proxyClass(Joiner.class);
    Joiner real = parts -> String.join(",", parts);
    Joiner p = pc.newInstance((proxy, id, args) -> pc.invoker().invoke(real, id, args));
    assertEquals("a,b", p.join("a", "b"));
  }

  /**
   * objchannel sends a String[] (not immutable, no sharer, implements Serializable and
   * Cloneable) as a proxy of those interfaces, which the receiver cannot use as an array. Fix:
   * a built-in copying sharer for arrays of references whose elements are all shareable as is
   * (else NotShareableException naming the element type and the fix), in {@code
   * SharerRegistry.find}.
   */
  @Test
  void arraysOfShareableElementsAreCopied() throws Exception {
    try (Interpreter a = Interpreter.create("a"); Interpreter b = Interpreter.create("b")) {
      ObjChannel ch = ObjChannel.create();
      String[] sent = {"x", "y"};
      a.call(() -> {
        ch.send(sent);
        return null;
      });
      Object got = b.call(ch::recv);
      assertEquals(String[].class, got.getClass());
      assertArrayEquals(sent, (String[]) got);
      assertNotSame(sent, got);
      assertEquals(0, a.liveShares());
    }
  }

  /** Both together: a varargs call through a proxy, from another interpreter. */
  @Test
  void varargsCallsCrossInterpreters() throws Exception {
    try (Interpreter a = Interpreter.create("a"); Interpreter b = Interpreter.create("b")) {
      Joiner real = parts -> String.join(",", parts);
      Joiner p = a.call(() -> Proxies.share(real, Joiner.class));
      assertEquals("x,y", b.call(() -> p.join("x", "y")));
      Proxies.release(p);
    }
  }
}
