package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.TestSupport.assertMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.TypeVariable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Generic methods, generic interfaces bound in a subinterface (the compiler's bridge methods),
 * covariant returns and the same method inherited twice: every way of calling one Java method
 * reaches one id.
 */
public class GenericsAndBridgesTest {

  /** Generic methods and parameterized types. */
  public interface Generic {
    <T extends Comparable<T>> T max(List<T> xs);

    Map<String, List<Integer>> lengths(List<String> words);
  }

  static final class RealGeneric implements Generic {
    @Override
    public <T extends Comparable<T>> T max(List<T> xs) {
      return xs.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    @Override
    public Map<String, List<Integer>> lengths(List<String> words) {
      Map<String, List<Integer>> out = new TreeMap<>();
      for (String w : words) {
        out.put(w, List.of(w.length()));
      }
      return out;
    }
  }

  /** A generic interface. */
  public interface Box<T> {
    T get();

    void set(T t);
  }

  /** Binds T and overrides one method covariantly; {@code set} is inherited as {@code set(Integer)}. */
  public interface IntBox extends Box<Integer> {
    @Override
    Integer get();
  }

  static final class RealIntBox implements IntBox {
    Integer value;

    @Override
    public Integer get() {
      return value;
    }

    @Override
    public void set(Integer t) {
      value = t;
    }
  }

  /** Overrides the generic method of a JDK interface with a narrower one. */
  public interface Upper extends Function<String, String> {
    @Override
    String apply(String s);
  }

  /** Covariant returns in a subinterface. */
  public interface Source {
    Object value();

    Number count();

    Source self();
  }

  /** Narrows every return type of {@link Source}. */
  public interface StrSource extends Source {
    @Override
    String value();

    @Override
    Integer count();

    @Override
    StrSource self();
  }

  static final class RealStrSource implements StrSource {
    @Override
    public String value() {
      return "v";
    }

    @Override
    public Integer count() {
      return 42;
    }

    @Override
    public StrSource self() {
      return this;
    }
  }

  /** Comparable bound to the interface itself: compareTo(Named) plus the bridge compareTo(Object). */
  public interface Named extends Comparable<Named> {
    String name();
  }

  /** One method, declared twice. */
  public interface RunsA {
    String run();
  }

  /** The same method again, unrelated to {@link RunsA}. */
  public interface RunsB {
    String run();
  }

  /** Inherits {@code run} from both. */
  public interface RunsBoth extends RunsA, RunsB {}

  /** Covariant return across unrelated interfaces: Object here. */
  public interface GetsObject {
    Object get();
  }

  /** String there. */
  public interface GetsString {
    String get();
  }

  @Test
  void genericMethodsRouteAndKeepTheirGenericSignature() throws Exception {
    ProxyClass<Generic> pc = ProxyFactory.standard().proxyClass(Generic.class);
    Forwarder fw = new Forwarder(pc, new RealGeneric());
    Generic p = pc.newInstance(fw);
    assertEquals("pear", p.max(List.of("apple", "pear", "fig")));
    assertMethod(fw.take(), "max", List.class);
    assertEquals(Map.of("ab", List.of(2)), p.lengths(List.of("ab")));
    assertMethod(fw.take(), "lengths", List.class);

    // Reflection on the proxy class sees the interface's generic types.
    var max = pc.type().getMethod("max", List.class);
    assertInstanceOf(TypeVariable.class, max.getGenericReturnType());
    var lengths = pc.type().getMethod("lengths", List.class);
    assertInstanceOf(ParameterizedType.class, lengths.getGenericReturnType());
    assertEquals("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>",
        lengths.getGenericReturnType().getTypeName());
  }

  @Test
  void aGenericInterfaceBoundInASubinterfaceRoutesEveryDescriptorToOneId() {
    // The first version listed set(Object) while ByteBuddy implemented set(Integer): the method
    // was left abstract and this call failed with AbstractMethodError.
    ProxyClass<IntBox> pc = ProxyFactory.standard().proxyClass(IntBox.class);
    RealIntBox real = new RealIntBox();
    Forwarder fw = new Forwarder(pc, real);
    IntBox p = pc.newInstance(fw);
    Box<Integer> asBox = p;

    p.set(7);
    int setId = fw.take().id();
    asBox.set(8);
    assertEquals(setId, fw.take().id(), "set through Box<Integer> and IntBox is one method");
    assertEquals(8, real.value);

    assertEquals(8, p.get());
    Forwarder.Call get = fw.take();
    assertEquals(Integer.class, get.method().getReturnType(), "the most specific declaration");
    assertEquals(8, asBox.get());
    assertEquals(get.id(), fw.take().id());
    assertEquals(5, pc.methods().size(), "equals, hashCode, toString, get, set");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test
  void aBridgeCalledWithTheWrongTypeFailsBeforeTheDispatcher() {
    ProxyClass<IntBox> pc = ProxyFactory.standard().proxyClass(IntBox.class);
    Forwarder fw = new Forwarder(pc, new RealIntBox());
    Box raw = pc.newInstance(fw);
    assertThrows(ClassCastException.class, () -> raw.set("not an Integer"));
    assertEquals(List.of(), fw.calls(), "as with javac's bridges: nothing reached the dispatcher");
  }

  @Test
  void aNarrowedJdkFunctionRoutesApplyAndItsDefaultMethods() {
    ProxyClass<Upper> pc = ProxyFactory.standard().proxyClass(Upper.class);
    Upper real = s -> s.toUpperCase(java.util.Locale.ROOT);
    Forwarder fw = new Forwarder(pc, real);
    Function<String, String> p = pc.newInstance(fw);

    assertEquals("ABC", p.apply("abc"));
    assertMethod(fw.take(), "apply", String.class);
    Function<String, String> twice = p.andThen(s -> s + "!");
    Forwarder.Call andThen = fw.take();
    assertMethod(andThen, "andThen", Function.class);
    assertEquals("XY!", twice.apply("xy"), "the default andThen ran on the real object");
  }

  @Test
  void covariantReturnsReachOneIdFromEveryDeclaration() {
    ProxyClass<StrSource> pc = ProxyFactory.standard().proxyClass(StrSource.class);
    RealStrSource real = new RealStrSource();
    Forwarder fw = new Forwarder(pc, real);
    StrSource p = pc.newInstance(fw);
    Source asSource = p;

    assertEquals("v", p.value());
    int valueId = fw.take().id();
    assertEquals("v", asSource.value());
    assertEquals(valueId, fw.take().id());
    assertEquals(String.class, pc.method(valueId).getReturnType());

    assertEquals(42, asSource.count());
    assertEquals(Integer.class, fw.take().method().getReturnType());
    assertSame(real, asSource.self(), "the invoker returns what the real object returned");
    assertEquals(3 + 3, pc.methods().size());
  }

  @Test
  void aSelfBoundComparableRoutesCompareToFromTheRawBridge() {
    ProxyClass<Named> pc = ProxyFactory.standard().proxyClass(Named.class);
    Named a = pc.newInstance((proxy, id, args) -> switch (pc.method(id).getName()) {
      case "name" -> "a";
      case "compareTo" -> -1;
      default -> throw new AssertionError(pc.method(id));
    });
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparable<Object> raw = (Comparable) a;
    assertEquals(-1, raw.compareTo(a));
    assertEquals(-1, a.compareTo(a));
    assertThrows(ClassCastException.class, () -> raw.compareTo("not Named"));
    assertEquals(1, pc.methods().stream().filter(m -> m.getName().equals("compareTo")).count());
  }

  @Test
  void aMethodInheritedTwiceIsOneId() {
    for (ProxyClass<?> pc : List.of(
        ProxyFactory.standard().proxyClass(RunsBoth.class),
        ProxyFactory.standard().proxyClass(List.of(RunsA.class, RunsB.class)))) {
      RunsBoth real = () -> "ran";
      Forwarder fw = new Forwarder(pc, real);
      Object p = pc.newInstance(fw);
      assertEquals("ran", ((RunsA) p).run());
      int id = fw.take().id();
      assertEquals("ran", ((RunsB) p).run());
      assertEquals(id, fw.take().id());
      assertEquals(4, pc.methods().size(), pc.methods().toString());
    }
  }

  @Test
  void unrelatedCovariantDeclarationsAreOneIdReturningTheNarrowestType() {
    for (List<Class<?>> types : List.of(
        List.<Class<?>>of(GetsObject.class, GetsString.class),
        List.<Class<?>>of(GetsString.class, GetsObject.class))) {
      ProxyClass<?> pc = ProxyFactory.standard().proxyClass(types);
      Object p = pc.newInstance((proxy, id, args) -> "got " + pc.method(id).getName());
      assertEquals("got get", ((GetsString) p).get());
      assertEquals("got get", ((GetsObject) p).get());
      assertEquals(4, pc.methods().size());
      assertTrue(pc.type().getMethods().length > 0);
    }
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(GetsObject.class, GetsString.class));
    Object wrong = pc.newInstance((proxy, id, args) -> 42);
    assertThrows(ClassCastException.class, () -> ((GetsString) wrong).get());
  }
}
