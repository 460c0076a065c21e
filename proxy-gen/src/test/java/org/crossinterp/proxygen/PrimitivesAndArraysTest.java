package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.TestSupport.assertMethod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Primitives of every kind and arrays cross the dispatcher boxed and come back unboxed. */
public class PrimitivesAndArraysTest {

  /** One method per primitive type, a void one, and one taking them all. */
  public interface Prims {
    boolean z(boolean v);

    byte b(byte v);

    char c(char v);

    short s(short v);

    int i(int v);

    long j(long v);

    float f(float v);

    double d(double v);

    void v();

    String all(boolean z, byte b, char c, short s, int i, long j, float f, double d);
  }

  static final class RealPrims implements Prims {
    int voidCalls;

    @Override
    public boolean z(boolean v) {
      return !v;
    }

    @Override
    public byte b(byte v) {
      return (byte) (v + 1);
    }

    @Override
    public char c(char v) {
      return (char) (v + 1);
    }

    @Override
    public short s(short v) {
      return (short) (v + 1);
    }

    @Override
    public int i(int v) {
      return v + 1;
    }

    @Override
    public long j(long v) {
      return v + 1;
    }

    @Override
    public float f(float v) {
      return v * 2;
    }

    @Override
    public double d(double v) {
      return v * 2;
    }

    @Override
    public void v() {
      voidCalls++;
    }

    @Override
    public String all(boolean z, byte b, char c, short s, int i, long j, float f, double d) {
      return z + "," + b + "," + c + "," + s + "," + i + "," + j + "," + f + "," + d;
    }
  }

  /** Arrays of primitives, of references, of arrays. */
  public interface Arrays {
    int[] reverse(int[] xs);

    String[][] transpose(String[][] m);

    Object[] same(Object[] xs);

    byte[] bytes(int n);
  }

  static final class RealArrays implements Arrays {
    @Override
    public int[] reverse(int[] xs) {
      int[] out = new int[xs.length];
      for (int k = 0; k < xs.length; k++) {
        out[k] = xs[xs.length - 1 - k];
      }
      return out;
    }

    @Override
    public String[][] transpose(String[][] m) {
      String[][] out = new String[m[0].length][m.length];
      for (int r = 0; r < m.length; r++) {
        for (int c = 0; c < m[0].length; c++) {
          out[c][r] = m[r][c];
        }
      }
      return out;
    }

    @Override
    public Object[] same(Object[] xs) {
      return xs;
    }

    @Override
    public byte[] bytes(int n) {
      return n < 0 ? null : new byte[n];
    }
  }

  @Test
  void everyPrimitiveIsBoxedForTheDispatcherAndUnboxedForTheCaller() {
    ProxyClass<Prims> pc = ProxyFactory.standard().proxyClass(Prims.class);
    Forwarder fw = new Forwarder(pc, new RealPrims());
    Prims p = pc.newInstance(fw);

    assertEquals(false, p.z(true));
    assertArgs(fw.take(), "z", boolean.class, true);
    assertEquals(Byte.MIN_VALUE, p.b(Byte.MAX_VALUE));
    assertArgs(fw.take(), "b", byte.class, Byte.MAX_VALUE);
    assertEquals(Character.MIN_VALUE, p.c(Character.MAX_VALUE));
    assertArgs(fw.take(), "c", char.class, Character.MAX_VALUE);
    assertEquals(Short.MIN_VALUE, p.s(Short.MAX_VALUE));
    assertArgs(fw.take(), "s", short.class, Short.MAX_VALUE);
    assertEquals(Integer.MIN_VALUE, p.i(Integer.MAX_VALUE));
    assertArgs(fw.take(), "i", int.class, Integer.MAX_VALUE);
    assertEquals(Long.MIN_VALUE, p.j(Long.MAX_VALUE));
    assertArgs(fw.take(), "j", long.class, Long.MAX_VALUE);
    assertEquals(Float.NEGATIVE_INFINITY, p.f(-Float.MAX_VALUE));
    assertArgs(fw.take(), "f", float.class, -Float.MAX_VALUE);
    assertTrue(Double.isNaN(p.d(Double.NaN)));
    assertArgs(fw.take(), "d", double.class, Double.NaN);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(p.d(-0.0)));
    assertArgs(fw.take(), "d", double.class, -0.0);
  }

  @Test
  void voidMethodsIgnoreWhatTheDispatcherReturnsAndGetNullFromTheInvoker() throws Throwable {
    ProxyClass<Prims> pc = ProxyFactory.standard().proxyClass(Prims.class);
    RealPrims real = new RealPrims();
    Prims p =
        pc.newInstance(
            (proxy, id, args) -> {
              assertNull(pc.invoker().invoke(real, id, args), "void method result");
              return "ignored";
            });
    p.v();
    p.v();
    assertEquals(2, real.voidCalls);
  }

  @Test
  void manyPrimitiveParametersKeepTheirOrderAndKinds() {
    ProxyClass<Prims> pc = ProxyFactory.standard().proxyClass(Prims.class);
    Forwarder fw = new Forwarder(pc, new RealPrims());
    Prims p = pc.newInstance(fw);
    assertEquals("true,-1,x,-2,-3,-4,0.5,0.25", p.all(true, (byte) -1, 'x', (short) -2, -3, -4L, .5f, .25));
    Forwarder.Call call = fw.take();
    assertMethod(call, "all", boolean.class, byte.class, char.class, short.class, int.class,
        long.class, float.class, double.class);
    assertEquals(List.<Object>of(true, (byte) -1, 'x', (short) -2, -3, -4L, .5f, .25), call.args());
  }

  @Test
  void nullFromTheDispatcherForAPrimitiveReturnThrowsNullPointerExceptionNamingDispatch() {
    Prims p = ProxyFactory.standard().proxyClass(Prims.class).newInstance((proxy, id, args) -> null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> p.i(1));
    // The JVM's helpful message names the unboxing and the dispatcher's null result.
    assertTrue(e.getMessage().contains("intValue") && e.getMessage().contains("dispatch"),
        e.getMessage());
    assertThrows(NullPointerException.class, () -> p.z(true));
    assertThrows(NullPointerException.class, () -> p.d(1));
  }

  @Test
  void aResultOfTheWrongTypeThrowsClassCastException() {
    Prims p = ProxyFactory.standard().proxyClass(Prims.class).newInstance((proxy, id, args) -> "7");
    ClassCastException e = assertThrows(ClassCastException.class, () -> p.i(1));
    assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    Prims wide =
        ProxyFactory.standard().proxyClass(Prims.class).newInstance((proxy, id, args) -> 7);
    // No widening: a long method needs a Long, as with a cast.
    assertThrows(ClassCastException.class, () -> wide.j(1));
  }

  @Test
  void theInvokerUnboxesArgumentsAndRefusesNullForPrimitives() throws Throwable {
    ProxyClass<Prims> pc = ProxyFactory.standard().proxyClass(Prims.class);
    int id = idOf(pc, "i");
    assertEquals(8, pc.invoker().invoke(new RealPrims(), id, new Object[] {7}));
    assertThrows(NullPointerException.class,
        () -> pc.invoker().invoke(new RealPrims(), id, new Object[] {null}));
    assertThrows(ClassCastException.class,
        () -> pc.invoker().invoke(new RealPrims(), id, new Object[] {"7"}));
    assertThrows(ClassCastException.class,
        () -> pc.invoker().invoke("not a Prims", id, new Object[] {7}));
    assertThrows(IllegalArgumentException.class,
        () -> pc.invoker().invoke(new RealPrims(), id, new Object[] {7, 8}));
  }

  @Test
  void arraysPassByReferenceInBothDirections() {
    ProxyClass<Arrays> pc = ProxyFactory.standard().proxyClass(Arrays.class);
    Forwarder fw = new Forwarder(pc, new RealArrays());
    Arrays p = pc.newInstance(fw);

    int[] xs = {1, 2, 3};
    assertArrayEquals(new int[] {3, 2, 1}, p.reverse(xs));
    Forwarder.Call call = fw.take();
    assertMethod(call, "reverse", int[].class);
    assertSame(xs, call.args().get(0));

    String[][] m = {{"a", "b"}, {"c", "d"}};
    assertArrayEquals(new String[][] {{"a", "c"}, {"b", "d"}}, p.transpose(m));
    assertSame(m, fw.take().args().get(0));

    Object[] objs = {1, "x"};
    assertSame(objs, p.same(objs));
    call = fw.take();
    assertEquals(1, call.rawArgs().length, "an Object[] argument is one argument, not spread");
    assertSame(objs, call.rawArgs()[0]);

    assertEquals(4, p.bytes(4).length);
    assertNull(p.bytes(-1));
    assertNull(p.same(null));
  }

  static int idOf(ProxyClass<?> pc, String name) {
    for (int id = 0; id < pc.methods().size(); id++) {
      if (pc.method(id).getName().equals(name)) {
        return id;
      }
    }
    throw new AssertionError("no method " + name + " in " + pc.methods());
  }

  private static void assertArgs(Forwarder.Call call, String name, Class<?> param, Object arg) {
    assertMethod(call, name, param);
    assertEquals(1, call.args().size());
    Object got = call.args().get(0);
    assertInstanceOf(arg.getClass(), got, "boxed argument of " + name);
    assertEquals(arg, got);
  }
}
