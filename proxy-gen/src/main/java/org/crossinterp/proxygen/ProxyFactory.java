package org.crossinterp.proxygen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.crossinterp.proxygen.internal.ClassGenerator;
import org.crossinterp.proxygen.internal.MethodTable;

/**
 * Generates proxy classes with ByteBuddy: a class that implements a set of interfaces (or
 * extends a non-final class with an accessible no-argument constructor) and routes every call,
 * including {@code equals}, {@code hashCode}, {@code toString} and default methods, to the
 * {@link Dispatcher} held in an instance field.
 *
 * <p><b>Where classes are defined.</b> {@link #standard()} defines each class in a new class
 * loader that sees every type involved, so public types of exported packages need nothing more.
 * For package-private types, or packages a module does not export, hand in a {@link
 * MethodHandles.Lookup} from the types' package: {@code ProxyFactory.using(MethodHandles.lookup())};
 * the class is then defined in that package with {@link MethodHandles.Lookup#defineClass}, as JPMS
 * wants.
 *
 * <p><b>Caching.</b> A class is generated once per type set and factory: concurrent first
 * requests generate it once. The cache hangs off the first proxied type with a {@link
 * ClassValue}, not a map keyed by class loader: a generated class references its loader's
 * classes, so any map value holding it would pin the key loader; a {@code ClassValue} entry dies
 * with the class, so a discarded class loader and its proxy classes are collected.
 *
 * <p><b>Refusals</b> ({@link NotProxyableException}, with what to do): final classes, records,
 * enums, sealed types, classes without an accessible no-argument constructor or with public final
 * methods (which cannot be routed), and types this factory cannot reach without a lookup. Objects
 * of classes that cannot be extended are proxied through their interfaces: see {@link
 * #proxyableInterfaces}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProxyFactory {
  private static final ProxyFactory STANDARD = new ProxyFactory(null);
  private static final ClassValue<Map<Key, ProxyClass<?>>> CACHE =
      new ClassValue<>() {
        @Override
        protected Map<Key, ProxyClass<?>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private final MethodHandles.Lookup lookup;

  private record Key(Class<?> superclass, List<Class<?>> interfaces, Class<?> lookupClass) {}

  private ProxyFactory(MethodHandles.Lookup lookup) {
    this.lookup = lookup;
  }

  /**
   * The factory for public types of exported packages.
   *
   * @return the shared standard factory
   */
  public static ProxyFactory standard() {
    return STANDARD;
  }

  /**
   * A factory that defines classes in the package of {@code lookup} (which needs {@link
   * MethodHandles.Lookup#PACKAGE} access), for package-private types and non-exported packages.
   *
   * @param lookup e.g. {@code MethodHandles.lookup()} in the types' package
   * @return a factory using it
   */
  public static ProxyFactory using(MethodHandles.Lookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    if ((lookup.lookupModes() & MethodHandles.Lookup.PACKAGE) == 0) {
      throw new IllegalArgumentException(
          "the lookup has no PACKAGE access; pass MethodHandles.lookup() from the types' package");
    }
    return new ProxyFactory(lookup);
  }

  /**
   * The proxy class for one interface, or one class.
   *
   * @param type an interface, or a non-final class with an accessible no-argument constructor
   * @param <T> the type
   * @return the (cached) proxy class
   * @throws NotProxyableException if the type cannot be proxied
   */
  @SuppressWarnings("unchecked")
  public <T> ProxyClass<T> proxyClass(Class<T> type) {
    return (ProxyClass<T>) proxyClass(List.of(type));
  }

  /**
   * The proxy class for a set of types: at most one class, and interfaces.
   *
   * @param types the types; order does not matter
   * @return the (cached) proxy class
   * @throws NotProxyableException if a type cannot be proxied
   */
  public ProxyClass<?> proxyClass(List<Class<?>> types) {
    Key key = key(types);
    Class<?> anchor = key.interfaces().isEmpty() ? key.superclass() : key.interfaces().get(0);
    if (key.superclass() != Object.class) {
      anchor = key.superclass();
    }
    Map<Key, ProxyClass<?>> perType = CACHE.get(anchor);
    ProxyClass<?> pc = perType.get(key);
    return pc != null ? pc : perType.computeIfAbsent(key, this::generate);
  }

  /**
   * The interfaces through which an object of {@code c} can be proxied: every public interface
   * it implements, directly or through superclasses, without ones implied by others. For final
   * classes, lambdas, anonymous and hidden classes, the way to proxy them.
   *
   * @param c a class
   * @return its interfaces, most specific first; empty if it has none
   */
  public static List<Class<?>> proxyableInterfaces(Class<?> c) {
    Set<Class<?>> all = new LinkedHashSet<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        collect(i, all);
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> i : all) {
      boolean implied = false;
      for (Class<?> j : all) {
        if (j != i && i.isAssignableFrom(j)) {
          implied = true;
          break;
        }
      }
      if (!implied && Modifier.isPublic(i.getModifiers()) && !i.isSealed()) {
        out.add(i);
      }
    }
    return out;
  }

  private static void collect(Class<?> i, Set<Class<?>> all) {
    if (all.add(i)) {
      for (Class<?> s : i.getInterfaces()) {
        collect(s, all);
      }
    }
  }

  /**
   * Whether {@code o} is a proxy made by a {@link ProxyFactory}.
   *
   * @param o any object
   * @return true for generated proxies
   */
  public static boolean isProxy(Object o) {
    return o instanceof GeneratedProxy;
  }

  /**
   * The dispatcher of a proxy.
   *
   * @param proxy a generated proxy
   * @return its dispatcher
   * @throws IllegalArgumentException if {@code proxy} is not a generated proxy
   */
  public static Dispatcher dispatcherOf(Object proxy) {
    if (proxy instanceof GeneratedProxy g) {
      return g.$crossinterp$dispatcher();
    }
    throw new IllegalArgumentException(
        (proxy == null ? "null" : proxy.getClass().getName()) + " is not a generated proxy");
  }

  private Key key(List<Class<?>> types) {
    Objects.requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new NotProxyableException("no type to proxy: give at least one interface or class");
    }
    Class<?> superclass = Object.class;
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> t : types) {
      Objects.requireNonNull(t, "type");
      if (t.isInterface()) {
        checkInterface(t);
        interfaces.add(t);
      } else {
        if (superclass != Object.class && superclass != t) {
          throw new NotProxyableException(
              "cannot extend both " + superclass.getName() + " and " + t.getName()
                  + ": give at most one class, and interfaces");
        }
        checkClass(t);
        superclass = t;
      }
    }
    List<Class<?>> sorted = new ArrayList<>(interfaces);
    sorted.sort(Comparator.comparing(Class::getName));
    return new Key(superclass, List.copyOf(sorted), lookup == null ? null : lookup.lookupClass());
  }

  private void checkInterface(Class<?> t) {
    if (t.isSealed()) {
      throw new NotProxyableException(
          t.getName() + " is a sealed interface: only its permitted subclasses may implement it."
              + " Proxy the object through another, non-sealed interface");
    }
    checkReachable(t);
  }

  private void checkClass(Class<?> t) {
    String fix = " Proxy it through an interface it implements (ProxyFactory.proxyableInterfaces)";
    if (t.isPrimitive() || t.isArray()) {
      throw new NotProxyableException(t.getName() + " cannot be proxied." + fix);
    }
    if (t.isRecord()) {
      throw new NotProxyableException(t.getName() + " is a record, which is final." + fix);
    }
    if (t.isEnum()) {
      throw new NotProxyableException(t.getName() + " is an enum, which cannot be extended." + fix);
    }
    if (Modifier.isFinal(t.getModifiers())) {
      throw new NotProxyableException(t.getName() + " is final, so it cannot be extended." + fix);
    }
    if (t.isSealed()) {
      throw new NotProxyableException(t.getName() + " is sealed, so it cannot be extended." + fix);
    }
    if (t.isHidden() || t.isAnonymousClass()) {
      throw new NotProxyableException(t.getName() + " is hidden or anonymous." + fix);
    }
    Constructor<?> c;
    try {
      c = t.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new NotProxyableException(
          t.getName() + " has no no-argument constructor for the proxy to call." + fix
              + ", or add a protected no-argument constructor");
    }
    if (Modifier.isPrivate(c.getModifiers())) {
      throw new NotProxyableException(
          t.getName() + "'s no-argument constructor is private." + fix
              + ", or make the constructor protected");
    }
    List<Method> finals = MethodTable.unroutable(t);
    if (!finals.isEmpty()) {
      throw new NotProxyableException(
          t.getName() + " has public final methods the proxy could not route: " + finals + "."
              + fix);
    }
    checkReachable(t);
  }

  private void checkReachable(Class<?> t) {
    if (lookup != null) {
      return;
    }
    for (Class<?> k = t; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        throw new NotProxyableException(
            t.getName() + " is not public, so a proxy class outside its package cannot use it."
                + " Use ProxyFactory.using(MethodHandles.lookup()) from its package");
      }
    }
    if (!t.getModule().isExported(t.getPackageName())) {
      throw new NotProxyableException(
          t.getName() + "'s package is not exported by " + t.getModule()
              + ". Use ProxyFactory.using(MethodHandles.lookup()) from that package");
    }
  }

  private ProxyClass<?> generate(Key key) {
    MethodTable table = MethodTable.of(key.superclass(), key.interfaces());
    Class<?> type = ClassGenerator.generate(key.superclass(), key.interfaces(), table, lookup);
    MethodHandles.Lookup access = lookup == null ? MethodHandles.publicLookup() : lookup;
    MethodHandle ctor;
    try {
      ctor =
          (lookup == null ? MethodHandles.publicLookup() : lookup.in(type))
              .findConstructor(type, MethodType.methodType(void.class, Dispatcher.class))
              .asType(MethodType.methodType(Object.class, Dispatcher.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("generated class " + type + " has no usable constructor", e);
    }
    List<Class<?>> proxied = new ArrayList<>();
    if (key.superclass() != Object.class) {
      proxied.add(key.superclass());
    }
    proxied.addAll(key.interfaces());
    return new ProxyClass<>(
        type, List.copyOf(proxied), table.methods(), ctor, Invoker.of(table.methods(), access));
  }
}
