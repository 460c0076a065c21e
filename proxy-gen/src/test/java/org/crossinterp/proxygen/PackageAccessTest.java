package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.RefusalTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.util.List;
import org.crossinterp.proxygen.other.OtherPackage;
import org.junit.jupiter.api.Test;

/**
 * Package-private and private types are proxied through a lookup from their package, inside the
 * named module these tests are patched into. (The standard factory finds that package itself:
 * {@link NonPublicTypesTest}.)
 */
public class PackageAccessTest {

  interface Secret {
    String tell(String who);
  }

  private interface Private {
    int number();
  }

  /** Public, but extends a package-private interface. */
  public interface Exposed extends Secret {}

  @Test
  void theTestsRunInTheNamedModule() {
    Module module = ProxyFactory.class.getModule();
    assertTrue(module.isNamed(), "tests must run on the module path");
    assertEquals("org.crossinterp.proxygen", module.getName());
    assertSame(module, getClass().getModule());
  }

  @Test
  void aPackagePrivateInterfaceIsProxiedThroughALookupFromItsPackage() {
    ProxyClass<Secret> pc = ProxyFactory.using(MethodHandles.lookup()).proxyClass(Secret.class);
    assertEquals(getClass().getPackageName(), pc.type().getPackageName());
    assertSame(getClass().getModule(), pc.type().getModule(), "defined inside the named module");
    assertSame(getClass().getClassLoader(), pc.type().getClassLoader());

    Secret real = who -> "psst, " + who;
    Forwarder fw = new Forwarder(pc, real);
    Secret p = pc.newInstance(fw);
    assertEquals("psst, bob", p.tell("bob"));
    Forwarder.Call call = fw.take();
    assertEquals("tell", call.method().getName());
    assertEquals(List.of("bob"), call.args());
  }

  @Test
  void aPrivateNestedInterfaceWorksToo() {
    ProxyClass<Private> pc = ProxyFactory.using(MethodHandles.lookup()).proxyClass(Private.class);
    Private real = () -> 42;
    assertEquals(42, pc.newInstance(new Forwarder(pc, real)).number());
  }

  @Test
  void aLookupFromAnotherPackageCannotReachThem() {
    ProxyFactory elsewhere = ProxyFactory.using(OtherPackage.lookup());
    assertRefused(() -> elsewhere.proxyClass(Secret.class),
        Secret.class.getName(), "not accessible from", OtherPackage.class.getName(),
        "Pass a Lookup from");
  }

  @Test
  void aPublicInterfaceExtendingAPackagePrivateOneNeedsNoLookup() {
    ProxyClass<Exposed> pc = ProxyFactory.standard().proxyClass(Exposed.class);
    Exposed real = who -> "exposed " + who;
    Forwarder fw = new Forwarder(pc, real);
    assertEquals("exposed x", pc.newInstance(fw).tell("x"));
    assertEquals(Secret.class, fw.take().method().getDeclaringClass(),
        "the invoker reached Secret.tell through the public Exposed");
  }
}
