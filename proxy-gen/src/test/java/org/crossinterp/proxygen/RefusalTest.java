package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.crossinterp.proxygen.other.OtherPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Types that cannot be proxied are refused with a {@link NotProxyableException} whose message
 * names the type, the reason and what to do; a refusal leaves the factory as it was.
 */
public class RefusalTest {

  /** A final class with an interface. */
  public static final class FinalTask implements Runnable, Supplier<String> {
    int runs;

    @Override
    public void run() {
      runs++;
    }

    @Override
    public String get() {
      return "final " + runs;
    }
  }

  /** A record with an interface. */
  public record Point(int x, int y) implements Supplier<String> {
    @Override
    public String get() {
      return x + "," + y;
    }
  }

  /** An enum with an interface. */
  public enum Color implements Supplier<String> {
    RED;

    @Override
    public String get() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An enum without one. */
  public enum Plain {
    ONLY
  }

  /** A sealed interface extending an open one. */
  public sealed interface Shape extends Supplier<String> permits Circle, Open {}

  /** A permitted final subclass. */
  public static final class Circle implements Shape {
    @Override
    public String get() {
      return "circle";
    }
  }

  /** A sealed class. */
  public abstract static sealed class Sealed permits Open {
    public abstract String name();
  }

  /** A non-sealed subclass of a sealed class: open again. */
  public static non-sealed class Open extends Sealed implements Shape {
    @Override
    public String name() {
      return "open";
    }

    @Override
    public String get() {
      return "open";
    }
  }

  /** Only a constructor with arguments. */
  public static class NeedsArgs {
    public NeedsArgs(int x) {}
  }

  /** A private no-argument constructor. */
  public static class PrivateCtor {
    private PrivateCtor() {}
  }

  /** A package-private no-argument constructor. */
  public static class PackageCtor {
    PackageCtor() {}

    public String hello() {
      return "hello";
    }
  }

  /** An inner (non-static) class. */
  public class Inner {}

  /** A public final method cannot be routed. */
  public static class FinalMethod {
    public final String fixed() {
      return "fixed";
    }
  }

  /** A protected abstract method cannot be implemented by routing. */
  public abstract static class ProtectedAbstract {
    protected abstract String secret();
  }

  /** Returns Number. */
  public interface NumberGetter {
    Number value();
  }

  /** Returns String: no class implements both. */
  public interface StringGetter {
    String value();
  }

  @Test
  void finalClassesAreRefusedAndProxiedThroughTheirInterfaces() throws Throwable {
    assertRefused(() -> ProxyFactory.standard().proxyClass(FinalTask.class),
        FinalTask.class.getName(), "final", "proxyableInterfaces");
    assertRefused(() -> ProxyFactory.standard().proxyClass(String.class), "java.lang.String", "final");

    List<Class<?>> via = ProxyFactory.proxyableInterfaces(FinalTask.class);
    assertEquals(List.of(Runnable.class, Supplier.class), via);
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(via);
    FinalTask real = new FinalTask();
    Object p = pc.newInstance(new Forwarder(pc, real));
    ((Runnable) p).run();
    assertEquals("final 1", ((Supplier<?>) p).get());
    assertEquals(1, real.runs);
  }

  @Test
  void recordsAndEnumsAreRefusedAndProxiedThroughTheirInterfaces() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(Point.class),
        Point.class.getName(), "record", "proxyableInterfaces");
    assertRefused(() -> ProxyFactory.standard().proxyClass(Color.class),
        Color.class.getName(), "enum", "proxyableInterfaces");
    assertRefused(() -> ProxyFactory.standard().proxyClass(Plain.class), "enum");
    // What java.lang.Enum implements is all an enum without interfaces offers.
    assertEquals(Set.of(Comparable.class, java.io.Serializable.class, java.lang.constant.Constable.class),
        Set.copyOf(ProxyFactory.proxyableInterfaces(Plain.class)));
    assertEquals(List.of(Supplier.class), ProxyFactory.proxyableInterfaces(Point.class));
    assertEquals(Supplier.class, ProxyFactory.proxyableInterfaces(Color.class).get(0),
        "the class's own interfaces come first");

    for (Supplier<String> real : List.<Supplier<String>>of(new Point(1, 2), Color.RED)) {
      List<Class<?>> via = ProxyFactory.proxyableInterfaces(real.getClass());
      ProxyClass<?> pc = ProxyFactory.standard().proxyClass(via);
      @SuppressWarnings("unchecked")
      Supplier<String> p = (Supplier<String>) pc.newInstance(new Forwarder(pc, real));
      assertEquals(real.get(), p.get());
    }
  }

  @Test
  void sealedTypesAreRefusedButTheirOpenParts() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(Shape.class),
        Shape.class.getName(), "sealed", "proxyableInterfaces");
    assertRefused(() -> ProxyFactory.standard().proxyClass(Sealed.class),
        Sealed.class.getName(), "sealed", "proxyableInterfaces");
    // A sealed interface does not hide the open interface it extends.
    assertEquals(List.of(Supplier.class), ProxyFactory.proxyableInterfaces(Circle.class));
    // A non-sealed subclass is open again.
    ProxyClass<Open> pc = ProxyFactory.standard().proxyClass(Open.class);
    Open p = pc.newInstance(new Forwarder(pc, new Open()));
    assertEquals("open", p.name());
  }

  @Test
  void lambdasAnonymousAndHiddenClassesAreProxiedThroughTheirInterfaces() throws Exception {
    Callable<String> lambda = () -> "lambda";
    assertTrue(lambda.getClass().isHidden());
    assertRefused(() -> ProxyFactory.standard().proxyClass(lambda.getClass()),
        "hidden or anonymous", "proxyableInterfaces");
    Runnable anonymous = new Runnable() {
      @Override
      public void run() {}
    };
    assertRefused(() -> ProxyFactory.standard().proxyClass(anonymous.getClass()),
        "hidden or anonymous", "proxyableInterfaces");
    assertEquals(List.of(Runnable.class), ProxyFactory.proxyableInterfaces(anonymous.getClass()));

    List<Class<?>> via = ProxyFactory.proxyableInterfaces(lambda.getClass());
    assertEquals(List.of(Callable.class), via);
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(via);
    assertEquals("lambda", ((Callable<?>) pc.newInstance(new Forwarder(pc, lambda))).call());
  }

  @Test
  void classesWithoutAUsableNoArgumentConstructorAreRefused() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(NeedsArgs.class),
        NeedsArgs.class.getName(), "no no-argument constructor", "protected no-argument constructor");
    assertRefused(() -> ProxyFactory.standard().proxyClass(PrivateCtor.class),
        PrivateCtor.class.getName(), "private", "protected");
    // The standard factory defines its proxy class in the package (NonPublicTypesTest); a lookup
    // of another package cannot call the constructor.
    assertRefused(() -> ProxyFactory.using(OtherPackage.lookup()).proxyClass(PackageCtor.class),
        PackageCtor.class.getName(), "package-private", "ProxyFactory.using(MethodHandles.lookup())");
    assertRefused(() -> ProxyFactory.standard().proxyClass(Inner.class),
        Inner.class.getName(), "inner class", "static nested class");
  }

  @Test
  void aLookupInThePackageMayUseAPackagePrivateConstructor() {
    ProxyClass<PackageCtor> pc =
        ProxyFactory.using(MethodHandles.lookup()).proxyClass(PackageCtor.class);
    PackageCtor p = pc.newInstance(new Forwarder(pc, new PackageCtor()));
    assertEquals("hello", p.hello());
    assertEquals(PackageCtor.class.getPackageName(), pc.type().getPackageName());
  }

  @Test
  void methodsThatCannotBeRoutedAreRefused() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(FinalMethod.class),
        FinalMethod.class.getName(), "fixed()", "is final", "proxyableInterfaces");
    assertRefused(() -> ProxyFactory.standard().proxyClass(ProtectedAbstract.class),
        ProtectedAbstract.class.getName(), "secret()", "abstract and not public");
  }

  @Test
  void unrelatedReturnTypesAreRefused() {
    assertRefused(
        () -> ProxyFactory.standard().proxyClass(List.of(NumberGetter.class, StringGetter.class)),
        "value", "java.lang.Number", "java.lang.String", "fewer interfaces");
  }

  @Test
  void badTypeSetsAreRefused() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(List.of()), "no type", "at least one");
    assertRefused(() -> ProxyFactory.standard().proxyClass(List.of(Open.class, PackageCtor.class)),
        "cannot extend both", "at most one class");
    assertRefused(() -> ProxyFactory.standard().proxyClass(int.class), "int", "not a class");
    assertRefused(() -> ProxyFactory.standard().proxyClass(String[].class), "not a class");
    assertRefused(() -> ProxyFactory.standard().proxyClass(GeneratedProxy.class),
        "GeneratedProxy", "leave it out");
    assertThrows(NullPointerException.class,
        () -> ProxyFactory.standard().proxyClass((List<Class<?>>) null));
    assertThrows(NullPointerException.class,
        () -> ProxyFactory.standard().proxyClass(Arrays.asList(Runnable.class, null)));
  }

  @Test
  void interfacesWithOneNameFromTwoLoadersAreRefused() {
    String name = "org.crossinterp.test.Twin";
    List<Class<?>> twins = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      twins.add(new ByteBuddy().makeInterface().name(name).make()
          .load(getClass().getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded());
    }
    assertRefused(() -> ProxyFactory.standard().proxyClass(twins), name, "different class loaders");
  }

  @Test
  void aLookupWhoseLoaderCannotSeeProxyGenIsRefused() throws Exception {
    Class<?> orphan = TestSupport.throwawayInterface("org.crossinterp.test.Orphan", null);
    ProxyFactory f = ProxyFactory.using(MethodHandles.privateLookupIn(orphan, MethodHandles.lookup()));
    assertRefused(() -> f.proxyClass(orphan), "cannot load proxy-gen's classes", "standard()");
    // The standard factory can: its class loader sees both.
    assertEquals(orphan, ProxyFactory.standard().proxyClass(orphan).proxiedTypes().get(0));
  }

  @Test
  void aRefusalChangesNothing() {
    ProxyClass<Runnable> before = ProxyFactory.standard().proxyClass(Runnable.class);
    for (int k = 0; k < 2; k++) {
      // Refused every time: a failed generation is not cached.
      assertRefused(() -> ProxyFactory.standard().proxyClass(List.of(Runnable.class, FinalTask.class)),
          "final");
      assertRefused(() -> ProxyFactory.standard().proxyClass(FinalMethod.class), "is final");
    }
    assertSame(before, ProxyFactory.standard().proxyClass(Runnable.class));
    assertEquals("open", ProxyFactory.standard().proxyClass(Open.class)
        .newInstance((proxy, id, args) -> "open").name());
  }

  @Test
  void usingRefusesLookupsWithoutPackageAccess() {
    for (MethodHandles.Lookup weak : List.of(MethodHandles.publicLookup(),
        MethodHandles.lookup().dropLookupMode(MethodHandles.Lookup.PACKAGE))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ProxyFactory.using(weak));
      assertTrue(e.getMessage().contains("no PACKAGE access")
          && e.getMessage().contains("MethodHandles.lookup()"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> ProxyFactory.using(null));
  }

  static void assertRefused(Executable call, String... mentions) {
    NotProxyableException e = assertThrows(NotProxyableException.class, call);
    for (String m : mentions) {
      assertTrue(e.getMessage().contains(m), "message should mention '" + m + "': " + e.getMessage());
    }
  }
}
