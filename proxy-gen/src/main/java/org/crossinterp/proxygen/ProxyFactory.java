package org.crossinterp.proxygen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.crossinterp.proxygen.internal.ClassGenerator;
import org.crossinterp.proxygen.internal.ProxyCache;

/**
 * Generates proxy classes with ByteBuddy: a class that implements a set of interfaces (or
 * extends a non-final class with an accessible no-argument constructor, plus interfaces) and
 * routes every call, including {@code equals}, {@code hashCode}, {@code toString} and default
 * methods, to the {@link Dispatcher} held in an instance field of each proxy.
 *
 * <p><b>Where classes are defined.</b> {@link #standard()} defines each class in a new class
 * loader that sees every type involved, so public types of exported packages need nothing more.
 * For package-private types, or packages a module does not export, hand in a {@link
 * MethodHandles.Lookup} from the types' package: {@code ProxyFactory.using(MethodHandles.lookup())};
 * the class is then defined in that package with {@link MethodHandles.Lookup#defineClass}, as JPMS
 * wants, and lives as long as that package's class loader.
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
 * (which cannot be routed), several classes at once, and types this factory cannot reach.
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
   * and packages that are not exported. Factories with the same lookup class share their classes.
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
   * that is public, in an exported package and not sealed, without those another of them
   * extends. For final classes, records, enums, lambdas, anonymous and hidden classes, this is
   * the way to proxy them. Any thread.
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
    List<Class<?>> usable = new ArrayList<>();
    for (Class<?> i : all) {
      if (i != GeneratedProxy.class && !i.isSealed() && !i.isHidden() && unreachableBy(i) == null) {
        usable.add(i);
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
    Map<String, Class<?>> byName = new HashMap<>();
    for (Class<?> i : interfaces) {
      checkInterface(i);
      Class<?> clash = byName.put(i.getName(), i);
      if (clash != null) {
        throw new NotProxyableException(
            "two interfaces named " + i.getName() + " from different class loaders ("
                + clash.getClassLoader() + ", " + i.getClassLoader()
                + ") cannot both be implemented by one class; proxy through one of them");
      }
    }
    if (superclass != Object.class) {
      checkClass(superclass);
    }
    if (lookup != null) {
      checkLookupSeesProxyGen();
    }
    ClassGenerator.Generated g = ClassGenerator.generate(superclass, interfaces, lookup);
    MethodHandles.Lookup access = lookup == null ? MethodHandles.publicLookup() : lookup;
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

  private void checkInterface(Class<?> t) {
    if (t == GeneratedProxy.class) {
      throw new NotProxyableException(
          "GeneratedProxy is the marker every proxy implements itself;"
              + " leave it out of the types to proxy");
    }
    if (t.isSealed()) {
      throw new NotProxyableException(
          t.getName() + " is a sealed interface: only its permitted subclasses may implement it."
              + " Proxy the object through another, non-sealed interface"
              + " (ProxyFactory.proxyableInterfaces)");
    }
    if (t.isHidden()) {
      throw new NotProxyableException(
          t.getName() + " is a hidden interface, which no other class can implement."
              + " Proxy through a normal interface");
    }
    checkReachable(t);
  }

  private void checkClass(Class<?> t) {
    String fix = " Proxy it through an interface it implements (ProxyFactory.proxyableInterfaces)";
    if (t.isPrimitive() || t.isArray()) {
      throw new NotProxyableException(t.getName() + " is not a class or interface." + fix);
    }
    if (t.isRecord()) {
      throw new NotProxyableException(t.getName() + " is a record, which is final." + fix);
    }
    if (t.isEnum()) {
      throw new NotProxyableException(t.getName() + " is an enum, which cannot be extended." + fix);
    }
    if (t.isHidden() || t.isAnonymousClass()) {
      throw new NotProxyableException(
          t.getName() + " is a hidden or anonymous class, which cannot be extended." + fix);
    }
    if (Modifier.isFinal(t.getModifiers())) {
      throw new NotProxyableException(t.getName() + " is final, so it cannot be extended." + fix);
    }
    if (t.isSealed()) {
      throw new NotProxyableException(
          t.getName() + " is sealed, so only its permitted subclasses may extend it." + fix);
    }
    checkReachable(t);
    Constructor<?> c;
    try {
      c = t.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      String why =
          t.isMemberClass() && !Modifier.isStatic(t.getModifiers())
              ? " is an inner class (its constructors take the enclosing instance)"
              : " has no no-argument constructor for the proxy to call";
      throw new NotProxyableException(t.getName() + why + "." + fix + ", or add a protected"
          + " no-argument constructor" + (why.startsWith(" is an") ? " to a static nested class" : ""));
    }
    int mods = c.getModifiers();
    if (Modifier.isPrivate(mods)) {
      throw new NotProxyableException(
          t.getName() + "'s no-argument constructor is private." + fix
              + ", or make the constructor protected");
    }
    if (!Modifier.isPublic(mods) && !Modifier.isProtected(mods) && !samePackageAsLookup(t)) {
      throw new NotProxyableException(
          t.getName() + "'s no-argument constructor is package-private, so a proxy class outside"
              + " its package cannot call it. Use ProxyFactory.using(MethodHandles.lookup()) from"
              + " its package, or make the constructor protected");
    }
  }

  private boolean samePackageAsLookup(Class<?> t) {
    return lookup != null
        && lookup.lookupClass().getPackageName().equals(t.getPackageName())
        && lookup.lookupClass().getClassLoader() == t.getClassLoader();
  }

  private void checkReachable(Class<?> t) {
    if (lookup == null) {
      String problem = unreachableBy(t);
      if (problem != null) {
        throw new NotProxyableException(
            problem + ", so the standard factory cannot use it."
                + " Use ProxyFactory.using(MethodHandles.lookup()) from its package");
      }
      return;
    }
    Class<?> from = lookup.lookupClass();
    try {
      lookup.accessClass(t);
    } catch (IllegalAccessException e) {
      throw new NotProxyableException(
          t.getName() + " is not accessible from " + from.getName() + " (" + e.getMessage()
              + "). Pass a Lookup from " + t.getName() + "'s package"
              + " (MethodHandles.lookup() called there)");
    }
    if (!visible(t, from.getClassLoader())) {
      throw new NotProxyableException(
          t.getName() + " is not visible from the class loader of " + from.getName()
              + ", where the proxy class would be defined. Pass a Lookup from "
              + t.getName() + "'s package");
    }
  }

  private void checkLookupSeesProxyGen() {
    Class<?> from = lookup.lookupClass();
    Module proxyGen = GeneratedProxy.class.getModule();
    if (!from.getModule().canRead(proxyGen)) {
      throw new NotProxyableException(
          from.getModule() + " of " + from.getName() + " does not read " + proxyGen
              + ", whose types every proxy implements; add 'requires org.crossinterp.proxygen'"
              + " to its module-info.java");
    }
    if (!visible(GeneratedProxy.class, from.getClassLoader())) {
      throw new NotProxyableException(
          "the class loader of " + from.getName() + " cannot load proxy-gen's classes, which"
              + " every proxy implements. Pass a Lookup from a class whose loader can, or use"
              + " ProxyFactory.standard() for public types");
    }
  }

  /** Why a proxy class in a new class loader could not use {@code t}; null if it can. */
  private static String unreachableBy(Class<?> t) {
    for (Class<?> k = t; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return t.getName() + (k == t ? " is not public" : " is nested in non-public " + k.getName());
      }
    }
    if (!t.getModule().isExported(t.getPackageName())) {
      return t.getName() + "'s package is not exported by " + t.getModule();
    }
    return null;
  }

  private static boolean visible(Class<?> t, ClassLoader loader) {
    try {
      return Class.forName(t.getName(), false, loader) == t;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
