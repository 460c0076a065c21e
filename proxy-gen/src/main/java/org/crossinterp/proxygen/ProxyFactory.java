package org.crossinterp.proxygen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.crossinterp.proxygen.internal.Admission;
import org.crossinterp.proxygen.internal.ClassGenerator;
import org.crossinterp.proxygen.internal.HomePackage;
import org.crossinterp.proxygen.internal.ProxyCache;

/**
 * Generates proxy classes with ByteBuddy: a class that implements a set of interfaces (or
 * extends a non-final class with an accessible no-argument constructor, plus interfaces) and
 * routes every call, including {@code equals}, {@code hashCode}, {@code toString} and default
 * methods, to the {@link Dispatcher} held in an instance field of each proxy.
 *
 * <p><b>Where classes are defined.</b> {@link #standard()} defines a class for public types of
 * exported packages in a new class loader that sees every type involved. Types that only their
 * own package may use (a package-private interface, a public interface nested in a
 * package-private class, the usual test-code declaration; a class with a package-private
 * constructor; a type of a package its module does not export) are proxied by a class defined
 * in that package through {@link MethodHandles#privateLookupIn}, as Mockito does, together with
 * any public types of the set. On the class path that always works; in a named module only if
 * it opens the package to proxy-gen: otherwise the type is refused with the {@code opens
 * <package> to org.crossinterp.proxygen;} line to add. Such types from two packages cannot share
 * a class (one class lives in one package) and are refused. {@link #using} defines every class
 * in the package of a lookup the caller hands in, {@code
 * ProxyFactory.using(MethodHandles.lookup())}. A class defined in a package, with {@link
 * MethodHandles.Lookup#defineClass} as JPMS wants, lives as long as that package's class loader.
 *
 * <p><b>Caching.</b> A class is generated once per type set (order and duplicates do not matter)
 * and factory kind: the standard factory, or the lookup class of a {@link #using} factory.
 * Concurrent first requests generate it once and all get the same {@link ProxyClass}. The cache
 * never keeps a class loader alive: it hangs off the proxied class whose loader sees all the
 * others, with a {@link ClassValue}, not off a map keyed by class loader (a value holding a
 * generated class would pin its key loader), so a discarded class loader and its proxy classes
 * are collected. For types of unrelated loaders (no loader sees the others) the class is held
 * only as long as it is in use and generated again afterwards.
 *
 * <p><b>Classes.</b> A class proxy runs the superclass's no-argument constructor; calls that
 * constructor makes on itself already go to the dispatcher. Public methods are routed;
 * protected and package-private methods keep the superclass's code.
 *
 * <p><b>Refusals</b> ({@link NotProxyableException}, saying what to do instead): final classes,
 * records, enums, sealed types, hidden and anonymous classes, classes without a no-argument
 * constructor the proxy can call, classes with public final or non-public abstract methods
 * (which cannot be routed), several classes at once, methods whose return types no object can
 * have at once, and types this factory cannot reach (a package not opened to proxy-gen,
 * non-public types of two packages).
 * Objects of classes that cannot be extended are proxied through their interfaces: see {@link
 * #proxyableInterfaces}.
 *
 * <p>Immutable and thread-safe; any thread.
 */
public final class ProxyFactory {
  private static final ProxyFactory STANDARD = new ProxyFactory(null);
  private static final ProxyCache<ProxyClass<?>> STANDARD_CACHE = new ProxyCache<>(ProxyClass::type);
  private static final ProxyCache<ProxyClass<?>> LOOKUP_CACHE = new ProxyCache<>(ProxyClass::type);
  private static final Comparator<Class<?>> BY_NAME = Comparator.comparing(Class::getName);

  private final MethodHandles.Lookup lookup;

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
   * A factory that defines classes in the package of {@code lookup}, for package-private types
   * and packages that are not exported when the {@linkplain #standard() standard factory} cannot
   * define classes there itself (a named module that opens the package to nobody but its own
   * code), or to choose the package. Factories with the same lookup class share their classes.
   *
   * @param lookup e.g. {@code MethodHandles.lookup()} in the types' package; it needs {@link
   *     MethodHandles.Lookup#PACKAGE} access
   * @return a factory using it
   * @throws IllegalArgumentException if the lookup has no {@code PACKAGE} access
   */
  public static ProxyFactory using(MethodHandles.Lookup lookup) {
    Objects.requireNonNull(lookup, "lookup");
    if ((lookup.lookupModes() & MethodHandles.Lookup.PACKAGE) == 0) {
      throw new IllegalArgumentException(
          "the lookup on " + lookup.lookupClass().getName() + " has no PACKAGE access;"
              + " pass MethodHandles.lookup() called in the types' package");
    }
    return new ProxyFactory(lookup);
  }

  /**
   * The proxy class for one interface, or one class.
   *
   * @param type an interface, or a non-final class with an accessible no-argument constructor
   * @param <T> the type
   * @return the (cached) proxy class
   * @throws NotProxyableException if the type cannot be proxied; the message says what to do
   */
  @SuppressWarnings("unchecked")
  public <T> ProxyClass<T> proxyClass(Class<T> type) {
    Objects.requireNonNull(type, "type");
    // The common case, without the list work of the general one.
    return (ProxyClass<T>)
        (type.isInterface() ? cached(Object.class, List.of(type)) : cached(type, List.of()));
  }

  /**
   * The proxy class for a set of types: at most one class, and interfaces.
   *
   * @param types the types; order and repetitions do not matter
   * @return the (cached) proxy class
   * @throws NotProxyableException if the types cannot be proxied; the message says what to do
   * @throws NullPointerException if {@code types} or one of them is null
   */
  public ProxyClass<?> proxyClass(List<Class<?>> types) {
    Objects.requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new NotProxyableException("no type to proxy: give at least one interface or class");
    }
    Class<?> superclass = Object.class;
    List<Class<?>> interfaces = new ArrayList<>(types.size());
    for (Class<?> t : types) {
      Objects.requireNonNull(t, "types contains null");
      if (t.isInterface()) {
        if (!interfaces.contains(t)) {
          interfaces.add(t);
        }
      } else if (t == Object.class) {
        continue; // every proxy extends Object; naming it changes nothing
      } else if (superclass == Object.class || superclass == t) {
        superclass = t;
      } else {
        throw new NotProxyableException(
            "cannot extend both " + superclass.getName() + " and " + t.getName()
                + ": give at most one class, and interfaces");
      }
    }
    interfaces.sort(BY_NAME);
    return cached(superclass, interfaces);
  }

  /** The class for a superclass and interfaces in name order; generated on a miss. */
  private ProxyClass<?> cached(Class<?> superclass, List<Class<?>> interfaces) {
    List<Class<?>> key = new ArrayList<>(interfaces.size() + 2);
    if (lookup != null) {
      key.add(lookup.lookupClass());
    }
    key.add(superclass);
    key.addAll(interfaces);
    // Checks run only on a miss: a cached class passed them, and hits must stay cheap.
    return (lookup == null ? STANDARD_CACHE : LOOKUP_CACHE)
        .get(key, k -> generate(superclass, List.copyOf(interfaces)));
  }

  /**
   * The interfaces through which the {@link #standard()} factory can proxy an object of {@code
   * c}: every interface it implements, directly or through superclasses and superinterfaces,
   * that is not sealed or hidden and that the factory can use, without those another of them
   * extends. It can use public interfaces of exported packages, and the non-public ones (or
   * public ones nested in non-public classes) of one package where it may define a class: the
   * package of the first such interface found, if its module opens it to proxy-gen. For final
   * classes, records, enums, lambdas, anonymous and hidden classes, this is the way to proxy
   * them. Any thread.
   *
   * @param c a class
   * @return the interfaces in the order the class and then its superclasses declare them; empty
   *     if there are none
   */
  public static List<Class<?>> proxyableInterfaces(Class<?> c) {
    Objects.requireNonNull(c, "c");
    Set<Class<?>> all = new LinkedHashSet<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        collect(i, all);
      }
    }
    // Filter first, then drop implied ones: an unusable interface must not hide a usable
    // superinterface of it.
    List<Class<?>> candidates = new ArrayList<>();
    Class<?> home = null; // the first non-public one's: one class lives in one package
    for (Class<?> i : all) {
      if (i == GeneratedProxy.class || i.isSealed() || i.isHidden()) {
        continue;
      }
      if (HomePackage.unreachableBy(i) == null) {
        candidates.add(i);
      } else if (HomePackage.canDefineIn(i) && (home == null || samePackage(home, i))) {
        home = home == null ? i : home;
        candidates.add(i);
      }
    }
    List<Class<?>> usable = candidates;
    if (home != null) {
      Class<?> h = home;
      List<Class<?>> open =
          candidates.stream().filter(i -> HomePackage.unreachableBy(i) == null).toList();
      if (!open.stream().allMatch(i -> fitsIn(h, i))) {
        usable = open; // a class in home's package could not use them all: keep the public ones
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> i : usable) {
      boolean implied = false;
      for (Class<?> j : usable) {
        if (j != i && i.isAssignableFrom(j)) {
          implied = true;
          break;
        }
      }
      if (!implied) {
        out.add(i);
      }
    }
    return List.copyOf(out);
  }

  /** Whether a proxy class in {@code home}'s package can use the public interface {@code i}. */
  private static boolean fitsIn(Class<?> home, Class<?> i) {
    return home.getModule().canRead(i.getModule())
        && HomePackage.isVisible(i, home.getClassLoader());
  }

  private static boolean samePackage(Class<?> a, Class<?> b) {
    return a.getPackageName().equals(b.getPackageName()) && a.getClassLoader() == b.getClassLoader();
  }

  private static void collect(Class<?> i, Set<Class<?>> all) {
    if (all.add(i)) {
      for (Class<?> s : i.getInterfaces()) {
        collect(s, all);
      }
    }
  }

  /**
   * Whether {@code o} is a proxy made by a {@link ProxyFactory}. Any thread.
   *
   * @param o any object, or null
   * @return true for generated proxies
   */
  public static boolean isProxy(Object o) {
    return o instanceof GeneratedProxy;
  }

  /**
   * The dispatcher of a proxy. Any thread.
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
        (proxy == null ? "null" : proxy.getClass().getName())
            + " is not a generated proxy; check with ProxyFactory.isProxy first");
  }

  @Override
  public String toString() {
    return lookup == null
        ? "ProxyFactory.standard()"
        : "ProxyFactory.using(" + lookup.lookupClass().getName() + ")";
  }

  private ProxyClass<?> generate(Class<?> superclass, List<Class<?>> interfaces) {
    Admission.checkKinds(superclass, interfaces);
    // Where the class is defined: the caller's package, or for the standard factory a new class
    // loader, or the package of the types that only their own package may use.
    MethodHandles.Lookup definer =
        lookup != null ? lookup : HomePackage.lookupFor(superclass, interfaces);
    Admission.checkReach(superclass, interfaces, definer, lookup != null);
    ClassGenerator.Generated g = ClassGenerator.generate(superclass, interfaces, definer);
    // The same lookup binds the invoker: it reaches the non-public methods the class implements.
    MethodHandles.Lookup access = definer == null ? MethodHandles.publicLookup() : definer;
    MethodHandle ctor;
    try {
      ctor =
          access
              .findConstructor(g.type(), MethodType.methodType(void.class, Dispatcher.class))
              .asType(MethodType.methodType(Object.class, Dispatcher.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("generated " + g.type() + " has no usable constructor", e);
    }
    List<Class<?>> proxied = new ArrayList<>();
    if (superclass != Object.class) {
      proxied.add(superclass);
    }
    proxied.addAll(interfaces);
    List<Class<?>> types = List.copyOf(proxied);
    return new ProxyClass<>(g.type(), types, g.methods(), ctor, Invoker.of(g.methods(), types, access));
  }
}
