package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/** Helpers shared by the proxy-gen tests. */
final class TestSupport {
  private static final AtomicLong SERIAL = new AtomicLong();

  private TestSupport() {}

  /**
   * A fresh public interface {@code name} with {@code String greet(String)}, defined in a new
   * class loader with the given parent (null: the boot loader, unrelated to the application's).
   */
  static Class<?> throwawayInterface(String name, ClassLoader parent) {
    return new ByteBuddy()
        .makeInterface()
        .name(name + "$" + SERIAL.incrementAndGet())
        .defineMethod("greet", String.class, Visibility.PUBLIC)
        .withParameters(String.class)
        .withoutCode()
        .make()
        .load(parent, ClassLoadingStrategy.Default.WRAPPER)
        .getLoaded();
  }

  /** Collects garbage until {@code ref} clears, failing after a generous deadline. */
  static void awaitCollected(WeakReference<?> ref, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (ref.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(ref.get() == null, what + " was not collected: something still references it");
  }

  /** Asserts that the method behind {@code call} has this name and these parameter types. */
  static void assertMethod(Forwarder.Call call, String name, Class<?>... params) {
    Method m = call.method();
    assertEquals(name, m.getName(), "method of id " + call.id());
    assertEquals(List.of(params), Arrays.asList(m.getParameterTypes()), "parameters of " + m);
  }
}
