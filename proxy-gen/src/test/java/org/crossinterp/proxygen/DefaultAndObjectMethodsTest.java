package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.TestSupport.assertMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Default methods and equals, hashCode, toString go to the dispatcher like any other method. */
public class DefaultAndObjectMethodsTest {

  /** An abstract method and a default method calling it. */
  public interface Greeter {
    String name();

    default String greet(String who) {
      return "hello " + who + " from " + name();
    }
  }

  /** Overrides the default in a subinterface. */
  public interface LoudGreeter extends Greeter {
    @Override
    default String greet(String who) {
      return "HELLO " + who;
    }
  }

  /** A diamond of default methods: the proxy must (and does) override the conflict. */
  public interface Left {
    default String side() {
      return "left";
    }
  }

  /** The other side. */
  public interface Right {
    default String side() {
      return "right";
    }
  }

  @Test
  void defaultMethodsGoToTheDispatcherNotToTheirDefaultBody() {
    ProxyClass<Greeter> pc = ProxyFactory.standard().proxyClass(Greeter.class);
    Greeter real = () -> "real";
    Forwarder fw = new Forwarder(pc, real);
    Greeter p = pc.newInstance(fw);

    assertEquals("hello you from real", p.greet("you"));
    // One call: greet. The default body ran on the real object, so name() never came back here.
    Forwarder.Call call = fw.take();
    assertMethod(call, "greet", String.class);
    assertEquals(List.of("you"), call.args());
  }

  @Test
  void theInvokerRunsTheRealObjectsOverrideOfADefaultMethod() {
    ProxyClass<Greeter> pc = ProxyFactory.standard().proxyClass(Greeter.class);
    Greeter real = new Greeter() {
      @Override
      public String name() {
        return "anon";
      }

      @Override
      public String greet(String who) {
        return "overridden " + who;
      }
    };
    assertEquals("overridden x", pc.newInstance(new Forwarder(pc, real)).greet("x"));
    ProxyClass<LoudGreeter> loud = ProxyFactory.standard().proxyClass(LoudGreeter.class);
    LoudGreeter realLoud = () -> "quiet";
    assertEquals("HELLO x", loud.newInstance(new Forwarder(loud, realLoud)).greet("x"));
  }

  @Test
  void conflictingDefaultsAreOneRoutedMethod() {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(Left.class, Right.class));
    Object p = pc.newInstance((proxy, id, args) -> "routed " + pc.method(id).getName());
    assertEquals("routed side", ((Left) p).side());
    assertEquals("routed side", ((Right) p).side());
    assertEquals(4, pc.methods().size());
  }

  @Test
  void equalsHashCodeAndToStringAreIdsZeroOneTwoAndRouted() {
    ProxyClass<Greeter> pc = ProxyFactory.standard().proxyClass(Greeter.class);
    List<Object> seen = new ArrayList<>();
    Greeter p = pc.newInstance((proxy, id, args) -> {
      seen.add(id);
      seen.add(List.of(args));
      return switch (id) {
        case 0 -> args[0] == proxy;
        case 1 -> 4711;
        case 2 -> "proxy!";
        default -> throw new AssertionError(id);
      };
    });
    assertTrue(p.equals(p));
    assertFalse(p.equals("other"));
    assertEquals(4711, p.hashCode());
    assertEquals("proxy!", p.toString());
    assertEquals(List.of(0, List.of(p), 0, List.of("other"), 1, List.of(), 2, List.of()), seen);
  }

  @Test
  void objectMethodsOnTheOriginRunTheRealObjectsImplementation() throws Throwable {
    ProxyClass<Greeter> pc = ProxyFactory.standard().proxyClass(Greeter.class);
    record Person(String name) implements Greeter {}
    Person real = new Person("ann");
    Greeter p = pc.newInstance(new Forwarder(pc, real));
    assertEquals(real.toString(), p.toString());
    assertEquals(real.hashCode(), p.hashCode());
    assertTrue(p.equals(new Person("ann")), "equals ran on the record");
    assertEquals(Boolean.TRUE, pc.invoker().invoke(real, 0, new Object[] {new Person("ann")}));
  }

  @Test
  void anInterfaceRedeclaringEqualsKeepsIdZero() {
    @SuppressWarnings("rawtypes")
    ProxyClass<Comparator> pc = ProxyFactory.standard().proxyClass(Comparator.class);
    assertEquals("equals", pc.method(0).getName());
    assertEquals(Object.class, pc.method(0).getDeclaringClass());
    long equalsCount = pc.methods().stream().filter(m -> m.getName().equals("equals")).count();
    assertEquals(1, equalsCount);
    Object p = pc.newInstance((proxy, id, args) -> id == 0 ? Boolean.TRUE : null);
    assertTrue(p.equals(null));
  }

  @Test
  void theProxyArgumentIsTheProxyTheMethodWasCalledOn() {
    ProxyClass<Greeter> pc = ProxyFactory.standard().proxyClass(Greeter.class);
    Object[] seen = new Object[1];
    Greeter p = pc.newInstance((proxy, id, args) -> {
      seen[0] = proxy;
      return "x";
    });
    p.name();
    assertSame(p, seen[0]);
  }
}
