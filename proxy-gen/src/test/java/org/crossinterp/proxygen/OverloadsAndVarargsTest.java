package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.TestSupport.assertMethod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Overloads get one id each and reach the same overload on the real object; varargs arrive as an array. */
public class OverloadsAndVarargsTest {

  /** Overloads that differ by arity, by primitive width, by boxing and by reference type. */
  public interface Over {
    String f();

    String f(int x);

    String f(long x);

    String f(Integer x);

    String f(Object x);

    String f(String x);

    String f(int x, int y);

    String f(int[] xs);
  }

  static final class RealOver implements Over {
    @Override
    public String f() {
      return "()";
    }

    @Override
    public String f(int x) {
      return "int " + x;
    }

    @Override
    public String f(long x) {
      return "long " + x;
    }

    @Override
    public String f(Integer x) {
      return "Integer " + x;
    }

    @Override
    public String f(Object x) {
      return "Object " + x;
    }

    @Override
    public String f(String x) {
      return "String " + x;
    }

    @Override
    public String f(int x, int y) {
      return "int,int " + x + "," + y;
    }

    @Override
    public String f(int[] xs) {
      return "int[] " + xs.length;
    }
  }

  /** Variable arity methods. */
  public interface Var {
    String join(String sep, String... parts);

    int sum(int... xs);

    Object[] objects(Object... xs);
  }

  static final class RealVar implements Var {
    @Override
    public String join(String sep, String... parts) {
      return String.join(sep, parts);
    }

    @Override
    public int sum(int... xs) {
      int s = 0;
      for (int x : xs) {
        s += x;
      }
      return s;
    }

    @Override
    public Object[] objects(Object... xs) {
      return xs;
    }
  }

  @Test
  void eachOverloadHasItsOwnIdAndReachesTheSameOverload() {
    ProxyClass<Over> pc = ProxyFactory.standard().proxyClass(Over.class);
    Forwarder fw = new Forwarder(pc, new RealOver());
    Over p = pc.newInstance(fw);
    Set<Integer> ids = new HashSet<>();

    assertEquals("()", p.f());
    ids.add(check(fw.take(), List.of()));
    assertEquals("int 1", p.f(1));
    ids.add(check(fw.take(), List.of(1), int.class));
    assertEquals("long 2", p.f(2L));
    ids.add(check(fw.take(), List.of(2L), long.class));
    assertEquals("Integer 3", p.f(Integer.valueOf(3)));
    ids.add(check(fw.take(), List.of(3), Integer.class));
    assertEquals("Object 4.0", p.f((Object) 4.0));
    ids.add(check(fw.take(), List.of(4.0), Object.class));
    assertEquals("String s", p.f("s"));
    ids.add(check(fw.take(), List.of("s"), String.class));
    assertEquals("int,int 5,6", p.f(5, 6));
    ids.add(check(fw.take(), List.of(5, 6), int.class, int.class));
    assertEquals("int[] 2", p.f(new int[2]));
    Forwarder.Call call = fw.take();
    assertMethod(call, "f", int[].class);
    ids.add(call.id());

    assertEquals(8, ids.size(), "eight overloads, eight ids");
    assertEquals(3 + 8, pc.methods().size(), "equals, hashCode, toString and the overloads");
  }

  @Test
  void idsAreCompactAndStable() {
    ProxyClass<Over> pc = ProxyFactory.standard().proxyClass(Over.class);
    assertEquals("equals", pc.method(0).getName());
    assertEquals("hashCode", pc.method(1).getName());
    assertEquals("toString", pc.method(2).getName());
    // The rest are sorted by name and descriptor, so the order does not depend on reflection.
    List<String> rest = pc.methods().subList(3, pc.methods().size()).stream()
        .map(m -> java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
            .toMethodDescriptorString())
        .toList();
    List<String> sorted = rest.stream().sorted().toList();
    assertEquals(sorted, rest);
  }

  @Test
  void varargsArriveAsOneArrayArgument() {
    ProxyClass<Var> pc = ProxyFactory.standard().proxyClass(Var.class);
    Forwarder fw = new Forwarder(pc, new RealVar());
    Var p = pc.newInstance(fw);

    assertEquals("a-b-c", p.join("-", "a", "b", "c"));
    Forwarder.Call call = fw.take();
    assertMethod(call, "join", String.class, String[].class);
    assertEquals(2, call.rawArgs().length);
    assertArrayEquals(new String[] {"a", "b", "c"}, (String[]) call.rawArgs()[1]);

    assertEquals("", p.join("-"));
    assertEquals(0, ((String[]) fw.take().rawArgs()[1]).length);

    assertEquals(6, p.sum(1, 2, 3));
    assertInstanceOf(int[].class, fw.take().rawArgs()[0]);
    assertEquals(0, p.sum());
    fw.take();

    Object[] objs = p.objects(1, "two", null);
    assertArrayEquals(new Object[] {1, "two", null}, objs);
    Object[] none = p.objects();
    assertEquals(0, none.length);
    fw.calls();
  }

  @Test
  void theGeneratedMethodsKeepVarargsAndOverloadsVisibleToReflection() throws Exception {
    Class<?> type = ProxyFactory.standard().proxyClass(Var.class).type();
    assertEquals(String.class, type.getMethod("join", String.class, String[].class).getReturnType());
    Class<?> over = ProxyFactory.standard().proxyClass(Over.class).type();
    for (var m : Over.class.getMethods()) {
      assertEquals(m.getReturnType(), over.getMethod(m.getName(), m.getParameterTypes()).getReturnType());
    }
  }

  private static int check(Forwarder.Call call, List<Object> args, Class<?>... params) {
    assertMethod(call, "f", params);
    assertEquals(args, call.args());
    for (int k = 0; k < args.size(); k++) {
      assertEquals(args.get(k).getClass(), call.args().get(k).getClass(), "argument " + k);
    }
    return call.id();
  }
}
