package org.crossinterp.benchmarks;

import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/**
 * Public interfaces no proxy factory has seen yet, for P2's "first proxy class" benchmark: each
 * call defines a new one with ByteBuddy, shaped like {@link Counter} plus a method with
 * arguments, in a class loader of its own (so it, and the proxy class made for it, can be
 * collected afterwards).
 */
final class FreshInterfaces {
  private static final AtomicLong SERIAL = new AtomicLong();

  private FreshInterfaces() {}

  /**
   * Defines and loads a new interface with methods {@code void increment()}, {@code long get()}
   * and {@code String describe(String, int)}.
   *
   * @return the interface, public, in a new class loader
   */
  static Class<?> define() {
    Class<?> type =
        new ByteBuddy()
            .makeInterface()
            .name(FreshInterfaces.class.getPackageName() + ".fresh.Fresh" + SERIAL.incrementAndGet())
            .modifiers(Modifier.PUBLIC | Modifier.INTERFACE | Modifier.ABSTRACT)
            .defineMethod("increment", void.class, Visibility.PUBLIC)
            .withoutCode()
            .defineMethod("get", long.class, Visibility.PUBLIC)
            .withoutCode()
            .defineMethod("describe", String.class, Visibility.PUBLIC)
            .withParameters(String.class, int.class)
            .withoutCode()
            .make()
            .load(FreshInterfaces.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded();
    if (!type.isInterface() || !Modifier.isPublic(type.getModifiers())) {
      throw new IllegalStateException("ByteBuddy made " + type + ", not a public interface");
    }
    return type;
  }
}
