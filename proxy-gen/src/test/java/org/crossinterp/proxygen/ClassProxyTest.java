package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.TestSupport.assertMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Proxies that extend a class: public methods are routed, the rest keeps the superclass's code. */
public class ClassProxyTest {

  /** An abstract class with abstract, concrete and protected methods and a generic bridge. */
  public abstract static class Shape implements Supplier<String> {
    /** Counts constructor runs, to show the superclass constructor runs for every proxy. */
    static int constructed;

    protected Shape() {
      constructed++;
    }

    public abstract double area();

    public String describe() {
      return kind() + " of area " + area();
    }

    protected String kind() {
      return "shape";
    }

    @Override
    public String get() {
      return describe();
    }
  }

  /** A concrete subclass to call for real. */
  public static class Square extends Shape {
    private final double side;

    public Square() {
      this(2);
    }

    Square(double side) {
      this.side = side;
    }

    @Override
    public double area() {
      return side * side;
    }

    @Override
    protected String kind() {
      return "square";
    }
  }

  /** A class whose constructor calls one of its own public methods. */
  public static class SelfCalling {
    final String seenInConstructor;

    public SelfCalling() {
      seenInConstructor = label();
    }

    public String label() {
      return "plain";
    }
  }

  /** Extends a generic class: make() has a bridge make()Object. */
  public abstract static class Factory<T> {
    public abstract T make();
  }

  /** Binds T. */
  public static class StringFactory extends Factory<String> {
    @Override
    public String make() {
      return "made";
    }
  }

  @Test
  void publicMethodsOfAClassAreRoutedAndInvokedOnTheRealObject() {
    ProxyClass<Shape> pc = ProxyFactory.standard().proxyClass(Shape.class);
    Square real = new Square(3);
    Forwarder fw = new Forwarder(pc, real);
    int before = Shape.constructed;
    Shape p = pc.newInstance(fw);
    assertEquals(before + 1, Shape.constructed, "the proxy ran Shape's constructor");

    assertEquals(9.0, p.area());
    assertMethod(fw.take(), "area");
    assertEquals("square of area 9.0", p.describe());
    assertMethod(fw.take(), "describe");
    assertEquals("square of area 9.0", p.get());
    assertMethod(fw.take(), "get");
    Supplier<String> asSupplier = p;
    assertEquals("square of area 9.0", asSupplier.get());
    fw.take();
  }

  @Test
  void protectedMethodsAreNotRoutedAndKeepTheSuperclassCode() {
    ProxyClass<Shape> pc = ProxyFactory.standard().proxyClass(Shape.class);
    assertTrue(pc.methods().stream().noneMatch(m -> m.getName().equals("kind")), pc.methods().toString());
    Shape p = pc.newInstance(new Forwarder(pc, new Square()));
    assertEquals("shape", p.kind(), "Shape.kind ran on the proxy itself");
  }

  @Test
  void callsTheSuperclassConstructorMakesOnItselfAreAlreadyRouted() {
    ProxyClass<SelfCalling> pc = ProxyFactory.standard().proxyClass(SelfCalling.class);
    List<String> calls = new ArrayList<>();
    SelfCalling p = pc.newInstance((proxy, id, args) -> {
      calls.add(pc.method(id).getName());
      return "routed";
    });
    assertEquals("routed", p.seenInConstructor);
    assertEquals(List.of("label"), calls);
    assertEquals("routed", p.label());
  }

  @Test
  void aGenericSuperclassBridgeReachesTheSameId() {
    ProxyClass<StringFactory> pc = ProxyFactory.standard().proxyClass(StringFactory.class);
    Forwarder fw = new Forwarder(pc, new StringFactory());
    Factory<String> p = pc.newInstance(fw);
    assertEquals("made", p.make());
    Forwarder.Call call = fw.take();
    assertEquals(String.class, call.method().getReturnType());
    assertEquals("made", ((StringFactory) p).make());
    assertEquals(call.id(), fw.take().id());
  }

  @Test
  void aClassPlusInterfacesIsOneProxy() {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(Runnable.class, Shape.class));
    assertEquals(List.of(Shape.class, Runnable.class), pc.proxiedTypes());
    List<String> calls = new ArrayList<>();
    Object p = pc.newInstance((proxy, id, args) -> {
      calls.add(pc.method(id).getName());
      return pc.method(id).getName().equals("area") ? 1.0 : null;
    });
    assertEquals(1.0, ((Shape) p).area());
    ((Runnable) p).run();
    assertEquals(List.of("area", "run"), calls);
  }

  @Test
  void aJdkAbstractClassWithProtectedConstructorWorks() {
    @SuppressWarnings("rawtypes")
    ProxyClass<AbstractList> pc = ProxyFactory.standard().proxyClass(AbstractList.class);
    List<String> real = new ArrayList<>(List.of("a", "b"));
    @SuppressWarnings("unchecked")
    List<String> p = pc.newInstance(new Forwarder(pc, real));
    assertEquals(2, p.size());
    assertEquals("b", p.get(1));
    assertTrue(p.contains("a"));
    assertEquals(real, p, "equals is routed to the real list");
    assertEquals(real.hashCode(), p.hashCode());
  }

  @Test
  void theRealObjectNeedsOnlyTheInterfaceThatDeclaresTheMethod() throws Throwable {
    @SuppressWarnings("rawtypes")
    ProxyClass<AbstractList> pc = ProxyFactory.standard().proxyClass(AbstractList.class);
    int stream = PrimitivesAndArraysTest.idOf(pc, "stream");
    assertEquals(java.util.Collection.class, pc.method(stream).getDeclaringClass());
    Object result = pc.invoker().invoke(List.of("immutable, not an AbstractList"), stream, new Object[0]);
    assertEquals(1, ((java.util.stream.Stream<?>) result).count());
  }

  @Test
  void objectItselfCanBeProxied() {
    ProxyClass<Object> pc = ProxyFactory.standard().proxyClass(Object.class);
    assertEquals(3, pc.methods().size());
    Object p = pc.newInstance((proxy, id, args) -> id == 2 ? "an object" : null);
    assertEquals("an object", p.toString());
    assertInstanceOf(GeneratedProxy.class, p);
    assertSame(pc, ProxyFactory.standard().proxyClass(Object.class));
  }
}
