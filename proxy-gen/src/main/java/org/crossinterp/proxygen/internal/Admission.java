package org.crossinterp.proxygen.internal;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crossinterp.proxygen.GeneratedProxy;
import org.crossinterp.proxygen.NotProxyableException;
import org.crossinterp.proxygen.ProxyFactory;

/**
 * The checks a type set passes before its proxy class is generated, each refusal a {@link
 * NotProxyableException} naming the type, the reason and what to do. Checks run in the order a
 * user fixes things: what the type is (final, sealed, hidden...) before where the class may be
 * defined, so that a final class is not reported as merely inaccessible.
 */
public final class Admission {
  private static final String FIX =
      " Proxy it through an interface it implements (ProxyFactory.proxyableInterfaces)";

  private Admission() {}

  /**
   * Refuses what no proxy class could implement or extend wherever it is defined.
   *
   * @param superclass the class to extend, {@code Object} for interface proxies
   * @param interfaces the interfaces
   * @throws NotProxyableException naming the type and the fix
   */
  public static void checkKinds(Class<?> superclass, List<Class<?>> interfaces) {
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
  }

  /**
   * Refuses what a class defined through {@code definer} could not use.
   *
   * @param superclass the class to extend, {@code Object} for interface proxies
   * @param interfaces the interfaces
   * @param definer where the class will be defined; null for a new class loader, which {@link
   *     HomePackage#lookupFor} chose only if every type is public and exported
   * @param chosenByCaller whether the caller handed in {@code definer} ({@code
   *     ProxyFactory.using}), rather than the standard factory choosing it; only the fix differs
   * @throws NotProxyableException naming the type and the fix
   */
  public static void checkReach(
      Class<?> superclass,
      List<Class<?>> interfaces,
      MethodHandles.Lookup definer,
      boolean chosenByCaller) {
    if (definer == null) {
      return;
    }
    for (Class<?> i : interfaces) {
      checkAccessible(i, definer, chosenByCaller);
    }
    if (superclass != Object.class) {
      checkAccessible(superclass, definer, chosenByCaller);
      checkConstructor(superclass, definer);
    }
    checkSeesProxyGen(definer, chosenByCaller);
  }

  private static void checkInterface(Class<?> t) {
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
  }

  private static void checkClass(Class<?> t) {
    if (t.isPrimitive() || t.isArray()) {
      throw new NotProxyableException(t.getName() + " is not a class or interface." + FIX);
    }
    if (t.isRecord()) {
      throw new NotProxyableException(t.getName() + " is a record, which is final." + fix(t));
    }
    if (t.isEnum()) {
      throw new NotProxyableException(
          t.getName() + " is an enum, which cannot be extended." + fix(t));
    }
    if (t.isHidden() || t.isAnonymousClass()) {
      throw new NotProxyableException(
          t.getName() + " is a hidden or anonymous class, which cannot be extended." + fix(t));
    }
    if (Modifier.isFinal(t.getModifiers())) {
      throw new NotProxyableException(t.getName() + " is final, so it cannot be extended." + fix(t));
    }
    if (t.isSealed()) {
      throw new NotProxyableException(
          t.getName() + " is sealed, so only its permitted subclasses may extend it." + FIX);
    }
    Constructor<?> c;
    try {
      c = t.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      String why =
          t.isMemberClass() && !Modifier.isStatic(t.getModifiers())
              ? " is an inner class (its constructors take the enclosing instance)"
              : " has no no-argument constructor for the proxy to call";
      throw new NotProxyableException(t.getName() + why + "." + FIX + ", or add a protected"
          + " no-argument constructor" + (why.startsWith(" is an") ? " to a static nested class" : ""));
    }
    if (Modifier.isPrivate(c.getModifiers())) {
      throw new NotProxyableException(
          t.getName() + "'s no-argument constructor is private." + FIX
              + ", or make the constructor protected");
    }
  }

  /**
   * What to do about a class that cannot be extended: proxy it through its interfaces, or, if
   * none of them can be used, why not (a first version only said the class was final, which
   * misled: the interface was fine, merely not accessible to proxy-gen).
   */
  private static String fix(Class<?> t) {
    if (!ProxyFactory.proxyableInterfaces(t).isEmpty()) {
      return FIX;
    }
    for (Class<?> k = t; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        String why = HomePackage.whyNotUsable(i);
        if (why != null) {
          return " Nor can it be proxied through its interfaces: " + why;
        }
      }
    }
    return FIX;
  }

  private static void checkConstructor(Class<?> t, MethodHandles.Lookup definer) {
    int mods;
    try {
      mods = t.getDeclaredConstructor().getModifiers();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e); // checkClass refused it already
    }
    Class<?> from = definer.lookupClass();
    boolean samePackage =
        from.getPackageName().equals(t.getPackageName()) && from.getClassLoader() == t.getClassLoader();
    if (!Modifier.isPublic(mods) && !Modifier.isProtected(mods) && !samePackage) {
      throw new NotProxyableException(
          t.getName() + "'s no-argument constructor is package-private, so a proxy class outside"
              + " its package cannot call it. Use ProxyFactory.using(MethodHandles.lookup()) from"
              + " its package, ProxyFactory.standard(), or make the constructor protected");
    }
  }

  private static void checkAccessible(Class<?> t, MethodHandles.Lookup definer, boolean byCaller) {
    Class<?> from = definer.lookupClass();
    String fix = byCaller
        ? " Pass a Lookup from " + t.getName() + "'s package (MethodHandles.lookup() called there)"
        : " The proxy class must be defined in package " + from.getPackageName() + " (see above);"
            + " proxy " + t.getName() + " separately";
    try {
      definer.accessClass(t);
    } catch (IllegalAccessException e) {
      throw new NotProxyableException(
          t.getName() + " is not accessible from " + from.getName() + " (" + e.getMessage()
              + ")." + fix);
    }
    if (!HomePackage.isVisible(t, from.getClassLoader())) {
      throw new NotProxyableException(
          t.getName() + " is not visible from the class loader of " + from.getName()
              + ", where the proxy class would be defined." + fix);
    }
  }

  private static void checkSeesProxyGen(MethodHandles.Lookup definer, boolean byCaller) {
    Class<?> from = definer.lookupClass();
    Module proxyGen = GeneratedProxy.class.getModule();
    if (!from.getModule().canRead(proxyGen)) {
      throw new NotProxyableException(
          from.getModule() + " of " + from.getName() + " does not read " + proxyGen
              + ", whose types every proxy implements; add 'requires org.crossinterp.proxygen'"
              + " to its module-info.java");
    }
    if (!HomePackage.isVisible(GeneratedProxy.class, from.getClassLoader())) {
      throw new NotProxyableException(
          "the class loader of " + from.getName() + " cannot load proxy-gen's classes, which"
              + " every proxy implements, and the proxy class would be defined there."
              + (byCaller
                  ? " Pass a Lookup from a class whose loader can, or use ProxyFactory.standard()"
                      + " for public types"
                  : " Make the types public (in an exported package), so that the proxy class"
                      + " can live in a class loader of its own"));
    }
  }
}
