package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.RefusalTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.function.IntSupplier;
import org.crossinterp.proxygen.other.OtherPackage;
import org.junit.jupiter.api.Test;

/**
 * The standard factory proxies the usual test-code declarations, types only their own package
 * may use, with a class defined in that package through a private lookup (as Mockito does).
 * These tests run in proxy-gen's named module, which may define classes in its own packages;
 * {@link ClassPathTest} does the same on the class path and {@link NamedModuleTest} in another
 * named module, where the package must be opened.
 */
public class NonPublicTypesTest {

  interface Local {
    String local(String who);
  }

  static class Holder {
    /** Public, but nested in a package-private class: not accessible outside this package. */
    public interface Nested {
      String hi(String who);
    }
  }

  /** The usual implementation: final, package-private, its only interface the nested one. */
  static final class NestedImpl implements Holder.Nested {
    @Override
    public String hi(String who) {
      return "hi " + who;
    }
  }

  /** A package-private class; its default constructor is package-private too. */
  static class Tally {
    int n;

    public int next() {
      return ++n;
    }
  }

  /** A public class whose no-argument constructor only its package may call. */
  public static class PackageMade {
    PackageMade() {}

    public String made() {
      return "made";
    }
  }

  /** Implements this package's {@link Local} and a public interface. */
  public static class HomeOne implements Local, Runnable {
    @Override
    public String local(String who) {
      return "local " + who;
    }

    @Override
    public void run() {}
  }

  @Test
  void aPackagePrivateInterfaceIsProxiedInItsPackage() {
    ProxyClass<Local> pc = ProxyFactory.standard().proxyClass(Local.class);
    assertDefinedBeside(Local.class, pc);
    Forwarder fw = new Forwarder(pc, new HomeOne());
    assertEquals("local you", pc.newInstance(fw).local("you"));
    assertEquals(List.of("you"), fw.take().args(), "the invoker reached the real object");
    assertSame(pc, ProxyFactory.standard().proxyClass(Local.class), "cached like the others");
  }

  @Test
  void aPublicInterfaceNestedInAPackagePrivateClassIsProxiedInItsPackage() {
    ProxyClass<Holder.Nested> pc = ProxyFactory.standard().proxyClass(Holder.Nested.class);
    assertDefinedBeside(Holder.Nested.class, pc);
    Forwarder fw = new Forwarder(pc, new NestedImpl());
    assertEquals("hi there", pc.newInstance(fw).hi("there"));
    assertEquals("hi", fw.take().method().getName());
  }

  @Test
  void anObjectWhoseOnlyInterfaceIsNestedIsProxiedThroughIt() {
    List<Class<?>> via = ProxyFactory.proxyableInterfaces(NestedImpl.class);
    assertEquals(List.of(Holder.Nested.class), via);
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(via);
    Object p = pc.newInstance(new Forwarder(pc, new NestedImpl()));
    assertEquals("hi again", ((Holder.Nested) p).hi("again"));
  }

  @Test
  void nonPublicClassesWithAnAccessibleConstructorAreProxiedInTheirPackage() {
    ProxyClass<Tally> tally = ProxyFactory.standard().proxyClass(Tally.class);
    assertDefinedBeside(Tally.class, tally);
    Tally real = new Tally();
    Tally p = tally.newInstance(new Forwarder(tally, real));
    assertEquals(1, p.next());
    assertEquals(2, p.next());
    assertEquals(2, real.n, "calls reached the real object");

    ProxyClass<PackageMade> made = ProxyFactory.standard().proxyClass(PackageMade.class);
    assertDefinedBeside(PackageMade.class, made);
    assertEquals("made", made.newInstance(new Forwarder(made, new PackageMade())).made());
  }

  @Test
  void publicTypesJoinTheNonPublicOnesInTheirPackage() {
    ProxyClass<?> pc = ProxyFactory.standard()
        .proxyClass(List.of(IntSupplier.class, Holder.Nested.class, Runnable.class));
    assertDefinedBeside(Holder.Nested.class, pc);
    Object p = pc.newInstance((proxy, id, args) -> switch (pc.method(id).getName()) {
      case "hi" -> "nested";
      case "getAsInt" -> 3;
      default -> null;
    });
    assertEquals("nested", ((Holder.Nested) p).hi("x"));
    assertEquals(3, ((IntSupplier) p).getAsInt());
    ((Runnable) p).run();
  }

  @Test
  void nonPublicTypesOfTwoPackagesAreRefused() {
    Class<?> elsewhere = OtherPackage.elsewhere();
    assertRefused(() -> ProxyFactory.standard().proxyClass(List.of(Local.class, elsewhere)),
        Local.class.getName() + " is not public", elsewhere.getName() + " is not public",
        "one class lives in one package", "Proxy through the types of one package");
    // Each alone is fine.
    assertEquals(elsewhere.getPackageName(),
        ProxyFactory.standard().proxyClass(elsewhere).type().getPackageName());
  }

  @Test
  void proxyableInterfacesKeepsTheNonPublicInterfacesOfOnePackage() {
    // The class's own interface comes first: its package wins over the superclass's Local.
    assertEquals(List.of(OtherPackage.elsewhere(), Runnable.class),
        ProxyFactory.proxyableInterfaces(OtherPackage.TwoHomes.class));
    assertEquals(List.of(Local.class, Runnable.class),
        ProxyFactory.proxyableInterfaces(HomeOne.class));
    ProxyClass<?> pc = ProxyFactory.standard()
        .proxyClass(ProxyFactory.proxyableInterfaces(OtherPackage.TwoHomes.class));
    assertEquals(OtherPackage.class.getPackageName(), pc.type().getPackageName());
  }

  private static void assertDefinedBeside(Class<?> type, ProxyClass<?> pc) {
    assertEquals(type.getPackageName(), pc.type().getPackageName(), "in the type's package");
    assertSame(type.getClassLoader(), pc.type().getClassLoader(), "by the type's loader");
    assertSame(type.getModule(), pc.type().getModule());
  }
}
