package org.crossinterp.proxygen;

import static org.crossinterp.proxygen.TestSupport.awaitCollected;
import static org.crossinterp.proxygen.TestSupport.throwawayInterface;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cache never keeps a class loader alive: once nothing else references a throwaway loader,
 * the loader, its interfaces and their proxy classes are collected. Each scenario runs in a
 * helper method so that no local variable of the test keeps anything reachable.
 */
public class UnloadingTest {
  private static final ClassLoader APP = UnloadingTest.class.getClassLoader();
  private static final List<WeakReference<Class<?>>> PROXY_CLASSES =
      new CopyOnWriteArrayList<>();

  @AfterEach
  void theProxyClassesAreGoneToo() throws InterruptedException {
    for (WeakReference<Class<?>> ref : PROXY_CLASSES) {
      awaitCollected(ref, "a proxy class of a collected loader");
    }
    PROXY_CLASSES.clear();
  }

  /** How a scenario proxies a fresh interface from a throwaway loader. */
  private interface Scenario {
    ProxyClass<?> proxy(Class<?> fresh) throws Exception;
  }

  @Test
  @Timeout(120)
  void aThrowawayInterfaceAndItsStandardProxyClassAreCollected() throws Throwable {
    awaitCollected(use(APP, ProxyFactory.standard()::proxyClass), "loader of a standard proxy");
  }

  @Test
  @Timeout(120)
  void aJdkInterfaceProxiedTogetherWithAThrowawayOneDoesNotPinIt() throws Throwable {
    // Runnable sorts first by name: anchoring on it (as a first version did) pinned the loader.
    awaitCollected(
        use(APP, fresh -> ProxyFactory.standard().proxyClass(List.of(Runnable.class, fresh))),
        "loader of an interface proxied with Runnable");
  }

  @Test
  @Timeout(120)
  void aLookupFactoryOfAThrowawayLoaderDoesNotPinIt() throws Throwable {
    // The proxy class of a JDK interface is defined in the throwaway loader by its lookup.
    awaitCollected(use(APP, fresh -> {
      ProxyFactory f = ProxyFactory.using(MethodHandles.privateLookupIn(fresh, MethodHandles.lookup()));
      ProxyClass<?> onlyJdk = f.proxyClass(Runnable.class);
      assertSame(fresh.getClassLoader(), onlyJdk.type().getClassLoader());
      ((Runnable) onlyJdk.newInstance((proxy, id, args) -> null)).run();
      return f.proxyClass(fresh);
    }), "loader of a lookup-defined proxy");
  }

  @Test
  @Timeout(120)
  void aNonPublicInterfaceAndItsProxyClassInItsPackageAreCollected() throws Throwable {
    // The standard factory defines this proxy class in the interface's own loader and package.
    awaitCollected(use(APP, false, fresh -> {
      ProxyClass<?> pc = ProxyFactory.standard().proxyClass(fresh);
      assertSame(fresh.getClassLoader(), pc.type().getClassLoader());
      return pc;
    }), "loader of a package-private interface");
  }

  @Test
  @Timeout(120)
  void interfacesOfUnrelatedLoadersAreCollectedToo() throws Throwable {
    // Parent: the boot loader. Neither it nor proxy-gen's loader sees the other.
    awaitCollected(use(null, ProxyFactory.standard()::proxyClass), "loader unrelated to proxy-gen");
  }

  @Test
  @Timeout(120)
  void manyThrowawayLoadersComeAndGo() throws Throwable {
    List<WeakReference<ClassLoader>> refs = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      refs.add(use(k % 2 == 0 ? APP : null, ProxyFactory.standard()::proxyClass));
    }
    for (WeakReference<ClassLoader> r : refs) {
      awaitCollected(r, "one of many throwaway loaders");
    }
  }

  @Test
  void whileInUseAnUnrelatedLoadersProxyClassStaysCached() {
    Class<?> fresh = throwawayInterface("org.crossinterp.test.InUse", null);
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(fresh);
    Object proxy = pc.newInstance((p, id, args) -> "x");
    pc = null; // only the proxy instance keeps the class (and with it the ProxyClass) alive
    System.gc();
    assertSame(proxy.getClass(), ProxyFactory.standard().proxyClass(fresh).type());
  }

  /** Proxies a fresh interface of a new loader, calls it both ways, and returns only the loader, weakly. */
  private static WeakReference<ClassLoader> use(ClassLoader parent, Scenario scenario) throws Throwable {
    return use(parent, true, scenario);
  }

  private static WeakReference<ClassLoader> use(ClassLoader parent, boolean isPublic, Scenario scenario)
      throws Throwable {
    Class<?> fresh = throwawayInterface("org.crossinterp.test.Throwaway", parent, isPublic);
    ProxyClass<?> pc = scenario.proxy(fresh);
    assertSame(pc, scenario.proxy(fresh), "cached while alive");
    MethodHandle greet = MethodHandles.privateLookupIn(fresh, MethodHandles.lookup())
        .findVirtual(fresh, "greet", MethodType.methodType(String.class, String.class));
    Object real = pc.newInstance((p, id, args) -> "hello " + args[0]);
    Object proxy = pc.newInstance(
        (p, id, args) -> pc.invoker().invoke(real, id, args));
    assertEquals("hello you", (String) greet.invoke(proxy, "you"));
    // The proxy class cannot outlive the loader of the interface it implements; check both.
    WeakReference<Class<?>> proxyClass = new WeakReference<>(pc.type());
    PROXY_CLASSES.add(proxyClass);
    return new WeakReference<>(fresh.getClassLoader());
  }
}
