package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/** Helpers shared by the proxy-gen tests (public for the tests of the internal package). */
public final class TestSupport {
  /** Generous: these waits end at once when the code is right; only a bug makes them run out. */
  private static final long DEADLINE_NANOS = 30_000_000_000L;

  private static final AtomicLong SERIAL = new AtomicLong();

  private TestSupport() {}

  /**
   * A fresh public interface {@code name} with {@code String greet(String)}, defined in a new
   * class loader with the given parent (null: the boot loader, unrelated to the application's).
   */
  static Class<?> throwawayInterface(String name, ClassLoader parent) {
    return throwawayInterface(name, parent, true);
  }

  /** As {@link #throwawayInterface(String, ClassLoader)}, public or package-private. */
  static Class<?> throwawayInterface(String name, ClassLoader parent, boolean isPublic) {
    return new ByteBuddy()
        .makeInterface()
        .name(name + "$" + SERIAL.incrementAndGet())
        .modifiers((isPublic ? Modifier.PUBLIC : 0) | Modifier.INTERFACE | Modifier.ABSTRACT)
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

  /**
   * Polls {@code condition} until it holds; fails with {@code what} (evaluated late) after a
   * generous deadline (a watchdog, not a timing assertion).
   */
  public static void await(Supplier<String> what, BooleanSupplier condition) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > DEADLINE_NANOS) {
        fail("timed out waiting: " + what.get());
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting: " + what.get());
      }
    }
  }

  /**
   * Whether {@code t} waits right now (BLOCKED on a monitor, or parked: WAITING, TIMED_WAITING)
   * with every one of {@code frames} ({@code "SimpleClassName.method"}) on its stack.
   */
  public static boolean isWaitingIn(Thread t, String... frames) {
    if (!isWaiting(t.getState())) {
      return false;
    }
    StackTraceElement[] stack = t.getStackTrace();
    if (!isWaiting(t.getState())) {
      return false; // it moved while its stack was taken
    }
    for (String frame : frames) {
      if (!hasFrame(stack, frame)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWaiting(Thread.State s) {
    return s == Thread.State.BLOCKED
        || s == Thread.State.WAITING
        || s == Thread.State.TIMED_WAITING;
  }

  private static boolean hasFrame(StackTraceElement[] stack, String frame) {
    int dot = frame.lastIndexOf('.');
    String type = frame.substring(0, dot);
    String method = frame.substring(dot + 1);
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      if (e.getMethodName().equals(method)
          && (c.equals(type) || c.endsWith("." + type) || c.endsWith("$" + type))) {
        return true;
      }
    }
    return false;
  }

  /** Asserts that the method behind {@code call} has this name and these parameter types. */
  static void assertMethod(Forwarder.Call call, String name, Class<?>... params) {
    Method m = call.method();
    assertEquals(name, m.getName(), "method of id " + call.id());
    assertEquals(List.of(params), Arrays.asList(m.getParameterTypes()), "parameters of " + m);
  }
}
