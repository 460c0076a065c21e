package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Non-public test-code types on the class path, where most users declare them: the package
 * {@code org.crossinterp.proxygen.classpath} is loaded again by a class loader of its own, so
 * that its classes live in an unnamed module (these tests themselves run in proxy-gen's named
 * module). The standard factory proxies them with classes defined in that package.
 */
public class ClassPathTest {
  private static final String PACKAGE = "org.crossinterp.proxygen.classpath";

  private static ClassLoader loader;
  private static Class<?> fixtures;

  @BeforeAll
  static void loadTheFixturesOnTheClassPath() throws Exception {
    loader = new PackageFirstLoader(ClassPathTest.class.getClassLoader());
    fixtures = loader.loadClass(PACKAGE + ".ClassPathFixtures");
    assertFalse(fixtures.getModule().isNamed(), "in the loader's unnamed module");
  }

  @Test
  void aPublicInterfaceNestedInAPackagePrivateClassIsProxied() throws Exception {
    Class<?> greets = loader.loadClass(PACKAGE + ".Holder$Greets");
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(greets);
    assertSame(loader, pc.type().getClassLoader());
    assertEquals(PACKAGE, pc.type().getPackageName());
    assertSame(fixtures.getModule(), pc.type().getModule());

    Forwarder fw = new Forwarder(pc, call("greeter"));
    assertEquals("hello class path", call("greet", pc.newInstance(fw), "class path"));
    Forwarder.Call c = fw.take();
    assertEquals(greets, c.method().getDeclaringClass());
    assertSame(pc, ProxyFactory.standard().proxyClass(greets), "cached");
  }

  @Test
  void anObjectIsProxiedThroughItsNonPublicInterfaces() throws Exception {
    Object real = call("greeter");
    List<Class<?>> via = ProxyFactory.proxyableInterfaces(real.getClass());
    assertEquals(List.of(PACKAGE + ".Holder$Greets", PACKAGE + ".Counts"),
        via.stream().map(Class::getName).toList());
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(via);
    Object p = pc.newInstance(new Forwarder(pc, real));
    assertEquals(1, call("next", p));
    assertEquals(2, call("next", p));
    assertEquals("hello again", call("greet", p, "again"));
    assertEquals(3, call("next", real), "every call reached the real object");
  }

  @Test
  void aPackagePrivateClassIsProxiedBySubclassingInItsPackage() throws Exception {
    Class<?> tally = loader.loadClass(PACKAGE + ".Tally");
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(tally);
    assertSame(loader, pc.type().getClassLoader());
    Object real = pc.newInstance((proxy, id, args) -> 41); // any object of the class will do
    Object p = pc.newInstance(new Forwarder(pc, real));
    Method next = tally.getMethod("next");
    next.setAccessible(true); // a public method of a package-private class
    assertEquals(41, next.invoke(p));
  }

  private static Object call(String name, Object... args) throws Exception {
    for (Method m : fixtures.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        return m.invoke(null, args);
      }
    }
    throw new AssertionError("no fixture method " + name);
  }

  /**
   * Defines the fixture package itself, from the tests' class files, rather than asking its
   * parent (which would hand out the named module's copies); everything else comes from the
   * parent.
   */
  private static final class PackageFirstLoader extends ClassLoader {
    PackageFirstLoader(ClassLoader parent) {
      super("class-path-fixtures", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE + ".")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          byte[] bytes = classFile(name);
          c = defineClass(name, bytes, 0, bytes.length);
        }
        return c;
      }
    }

    private static byte[] classFile(String name) throws ClassNotFoundException {
      try (InputStream in =
          ClassPathTest.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
