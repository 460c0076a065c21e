package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.RefusalTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.SequencedCollection;
import org.junit.jupiter.api.Test;

/**
 * Declarations of one method whose return types no single one narrows ({@code List.reversed()}
 * returning {@code List}, {@code Deque.reversed()} returning {@code Deque}) get one method per
 * descriptor, each with its own id and return type; only return types no object can have at
 * once are refused.
 */
public class CovariantConflictsTest {

  /** The common supertype. */
  public interface Shelf {
    Shelf self();
  }

  /** Narrows {@code self} one way, with a default. */
  public interface Left extends Shelf {
    @Override
    default Left self() {
      return this;
    }
  }

  /** And the other way. */
  public interface Right extends Shelf {
    @Override
    default Right self() {
      return this;
    }
  }

  /** A real object must narrow both (javac insists). */
  static final class Both implements Left, Right {
    @Override
    public Both self() {
      return this;
    }
  }

  /** Returns a class that a subclass may combine with the interface below. */
  public interface GetsNumber {
    Number get();
  }

  /** Returns an interface. */
  public interface GetsComparable {
    Comparable<?> get();
  }

  /** Returns a primitive. */
  public interface IntSize {
    int size();
  }

  /** Returns a reference. */
  public interface TextSize {
    String size();
  }

  /** Returns an interface that the final {@code String} does not implement. */
  public interface RunnableSize {
    Runnable size();
  }

  @Test
  void listAndDequeGetOneReversedPerDescriptor() throws Throwable {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(List.class, Deque.class));
    LinkedList<String> real = new LinkedList<>(List.of("a", "b", "c"));
    Forwarder fw = new Forwarder(pc, real);
    Object p = pc.newInstance(fw);

    List<?> viaList = ((List<?>) p).reversed();
    Forwarder.Call asList = fw.take();
    assertEquals(List.of("c", "b", "a"), viaList);
    assertEquals(List.class, asList.method().getReturnType());

    Deque<?> viaDeque = ((Deque<?>) p).reversed();
    Forwarder.Call asDeque = fw.take();
    assertEquals("c", viaDeque.peekFirst());
    assertEquals(Deque.class, asDeque.method().getReturnType());
    assertNotEquals(asList.id(), asDeque.id(), "one id per descriptor");

    // The supertype's descriptor is a bridge to one of them, as javac would write it.
    SequencedCollection<?> viaSequenced = ((SequencedCollection<?>) p).reversed();
    assertEquals(List.of("c", "b", "a"), new ArrayList<>(viaSequenced));
    assertEquals(asDeque.id(), fw.take().id(), "the first most specific descriptor by name");
    assertEquals(List.of(Deque.class, List.class), reversedReturnTypes(pc));
  }

  @Test
  void everyDescriptorIsCallableThroughMethodHandlesAndReflection() throws Throwable {
    ProxyClass<?> pc =
        ProxyFactory.standard().proxyClass(ProxyFactory.proxyableInterfaces(LinkedList.class));
    LinkedList<Integer> real = new LinkedList<>(List.of(1, 2));
    Forwarder fw = new Forwarder(pc, real);
    Object p = pc.newInstance(fw);
    for (Class<?> returns : List.of(List.class, Deque.class, SequencedCollection.class)) {
      MethodHandle h = MethodHandles.publicLookup()
          .findVirtual(pc.type(), "reversed", MethodType.methodType(returns));
      Object r = h.invoke(p);
      assertInstanceOf(returns, r);
      assertEquals(List.of(2, 1), new ArrayList<>((SequencedCollection<?>) r));
      fw.take();
    }
    for (Method m : pc.type().getMethods()) {
      if (m.getName().equals("reversed")) {
        assertInstanceOf(m.getReturnType(), m.invoke(p), m.toString());
        Class<?> dispatched = fw.take().method().getReturnType();
        assertTrue(m.getReturnType().isAssignableFrom(dispatched),
            m + " was dispatched as a method returning " + dispatched);
      }
    }
    long declared = List.of(pc.type().getDeclaredMethods()).stream()
        .filter(m -> m.getName().equals("reversed") && !m.isBridge())
        .count();
    assertEquals(2, declared, "reversed()List and reversed()Deque; SequencedCollection's is a bridge");
  }

  @Test
  void theInvokerCallsEachDescriptorOnTheRealObject() throws Throwable {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(Deque.class, List.class));
    LinkedList<String> real = new LinkedList<>(List.of("x", "y"));
    for (int id = 0; id < pc.methods().size(); id++) {
      if (pc.method(id).getName().equals("reversed")) {
        Object r = pc.invoker().invoke(real, id, new Object[0]);
        assertInstanceOf(pc.method(id).getReturnType(), r);
        assertEquals(List.of("y", "x"), new ArrayList<>((SequencedCollection<?>) r));
      }
    }
  }

  @Test
  void userInterfacesWithCovariantDefaultsRouteEachWay() {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(Left.class, Right.class));
    Both real = new Both();
    Forwarder fw = new Forwarder(pc, real);
    Object p = pc.newInstance(fw);

    assertSame(real, ((Left) p).self(), "the real object's self(), not the default");
    assertEquals(Left.class, fw.take().method().getReturnType());
    assertSame(real, ((Right) p).self());
    assertEquals(Right.class, fw.take().method().getReturnType());
    assertSame(real, ((Shelf) p).self());
    assertEquals(Left.class, fw.take().method().getReturnType());
  }

  @Test
  void eachDescriptorChecksItsOwnReturnType() {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(List.of(Left.class, Right.class));
    Left onlyLeft = new Left() {};
    Object p = pc.newInstance((proxy, id, args) -> onlyLeft);
    assertSame(onlyLeft, ((Left) p).self());
    assertThrows(ClassCastException.class, () -> ((Right) p).self(),
        "a result for the Right descriptor must be a Right");
  }

  @Test
  void aClassAndAnInterfaceSomeSubclassCouldJoinAreSplitToo() {
    ProxyClass<?> pc =
        ProxyFactory.standard().proxyClass(List.of(GetsNumber.class, GetsComparable.class));
    Object p = pc.newInstance((proxy, id, args) -> 7); // an Integer is both
    assertEquals(7, ((GetsNumber) p).get());
    assertEquals(7, ((GetsComparable) p).get());
  }

  @Test
  void returnTypesNoObjectCanHaveAtOnceAreRefusedNamingBothMethods() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(List.of(IntSize.class, TextSize.class)),
        IntSize.class.getName() + ".size() returns int",
        TextSize.class.getName() + ".size() returns java.lang.String",
        "no object is an instance of all these types", "fewer interfaces");
    assertRefused(
        () -> ProxyFactory.standard().proxyClass(List.of(TextSize.class, RunnableSize.class)),
        TextSize.class.getName() + ".size() returns java.lang.String",
        RunnableSize.class.getName() + ".size() returns java.lang.Runnable");
  }

  private static List<Class<?>> reversedReturnTypes(ProxyClass<?> pc) {
    return pc.methods().stream()
        .filter(m -> m.getName().equals("reversed"))
        .<Class<?>>map(Method::getReturnType)
        .toList();
  }
}
