package org.crossinterp.proxygen.internal;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.proxygen.NotProxyableException;

/**
 * Where the standard factory defines a proxy class that cannot live in a new class loader: in the
 * package of the types that only code of that package may use (a package-private interface, a
 * public one nested in a package-private class, a class whose no-argument constructor is
 * package-private, a type of a package its module does not export), through {@link
 * MethodHandles#privateLookupIn}, as Mockito does. The usual test-code interface is one of these.
 *
 * <p>The module system allows that only where the type's module opens its package to proxy-gen
 * (every package of an unnamed module is open, so on the class path it always works). Where it
 * does not, the type is refused with the {@code opens} line that fixes it. A class is defined in
 * one package, so such types from two packages cannot share a proxy class.
 */
public final class HomePackage {
  private static final Module PROXY_GEN = HomePackage.class.getModule();

  private HomePackage() {}

  /**
   * The lookup to define the proxy class for these types with, or null if a new class loader
   * can use every one of them.
   *
   * @param superclass the class to extend ({@code Object} for interface proxies)
   * @param interfaces the interfaces to implement
   * @return a private lookup in the one package that needs it, or null
   * @throws NotProxyableException if types of two packages need their own, or the module does
   *     not open the package to proxy-gen
   */
  public static MethodHandles.Lookup lookupFor(Class<?> superclass, List<Class<?>> interfaces) {
    List<Class<?>> needy = new ArrayList<>();
    if (superclass != Object.class && (unreachableBy(superclass) != null
        || isPackagePrivate(noArgConstructor(superclass)))) {
      needy.add(superclass);
    }
    for (Class<?> i : interfaces) {
      if (unreachableBy(i) != null) {
        needy.add(i);
      }
    }
    if (needy.isEmpty()) {
      return null;
    }
    Class<?> home = needy.get(0);
    for (Class<?> t : needy) {
      if (!samePackage(home, t)) {
        throw new NotProxyableException(
            why(home) + " and " + why(t) + ": a proxy class of either must be defined in its"
                + " package, and one class lives in one package (" + home.getPackageName()
                + " and " + t.getPackageName() + (home.getClassLoader() == t.getClassLoader()
                    ? "" : " of different class loaders")
                + "), so no class can implement both. Proxy through the types of one package,"
                + " or make the others public");
      }
    }
    return privateLookupIn(home);
  }

  /**
   * Whether the standard factory may define a proxy class in {@code t}'s package: its module
   * opens the package to proxy-gen and reads proxy-gen (every proxy implements proxy-gen's
   * types), and its class loader sees proxy-gen.
   *
   * @param t a type
   * @return true if {@link #lookupFor} would succeed for {@code t} alone
   */
  public static boolean canDefineIn(Class<?> t) {
    Module m = t.getModule();
    return m.isOpen(t.getPackageName(), PROXY_GEN)
        && m.canRead(PROXY_GEN)
        && isVisible(HomePackage.class, t.getClassLoader());
  }

  /**
   * Why the standard factory cannot proxy the interface {@code i} on its own, for the message
   * that refuses a class which cannot be extended (its interfaces were the way out); null if it
   * can, or if the reason is not about where a proxy class may be defined.
   *
   * @param i an interface
   * @return the reason and its fix, or null
   */
  public static String whyNotUsable(Class<?> i) {
    if (unreachableBy(i) == null || canDefineIn(i)) {
      return null;
    }
    Module m = i.getModule();
    if (!m.isOpen(i.getPackageName(), PROXY_GEN)) {
      return notOpened(i);
    }
    if (!m.canRead(PROXY_GEN)) {
      return why(i) + ", and " + m + " does not read " + PROXY_GEN + ", whose types every"
          + " proxy implements; add 'requires org.crossinterp.proxygen' to its module-info.java";
    }
    return why(i) + ", and its class loader cannot load proxy-gen's classes, which every proxy"
        + " implements";
  }

  /**
   * Why a proxy class in a new class loader could not use {@code t}; null if it can.
   *
   * @param t a class or interface
   * @return the reason, starting with the type's name, or null
   */
  public static String unreachableBy(Class<?> t) {
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

  /**
   * Whether {@code loader} finds {@code t} itself by its name (not another class of that name).
   *
   * @param t a type
   * @param loader a class loader, null for the boot loader
   * @return true if {@code t} is visible from {@code loader}
   */
  public static boolean isVisible(Class<?> t, ClassLoader loader) {
    try {
      return Class.forName(t.getName(), false, loader) == t;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static MethodHandles.Lookup privateLookupIn(Class<?> home) {
    Module m = home.getModule();
    String pkg = home.getPackageName();
    if (!m.isOpen(pkg, PROXY_GEN)) {
      throw new NotProxyableException(notOpened(home));
    }
    // privateLookupIn needs proxy-gen to read the module; a module may add reads for itself
    PROXY_GEN.addReads(m);
    try {
      return MethodHandles.privateLookupIn(home, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new NotProxyableException(
          why(home) + ", and no proxy class can be defined in its package " + pkg + " ("
              + e.getMessage() + "). Add '" + opensLine(pkg) + "' to the module-info.java of "
              + m.getName());
    }
  }

  private static String notOpened(Class<?> t) {
    String pkg = t.getPackageName();
    return why(t) + ", so it is not accessible to a proxy class outside package " + pkg + ", and "
        + t.getModule() + " does not open that package to " + PROXY_GEN + " to define one"
        + " inside it. Add '" + opensLine(pkg) + "' to the module-info.java of "
        + t.getModule().getName() + ", or proxy through public interfaces of exported packages";
  }

  /** The module-info line that lets proxy-gen define classes in {@code pkg}. */
  private static String opensLine(String pkg) {
    return PROXY_GEN.isNamed()
        ? "opens " + pkg + " to " + PROXY_GEN.getName() + ";"
        : "opens " + pkg + ";"; // proxy-gen on the class path: only an unqualified opens reaches it
  }

  private static String why(Class<?> t) {
    String unreachable = unreachableBy(t);
    return unreachable != null
        ? unreachable
        : t.getName() + "'s no-argument constructor is package-private";
  }

  private static boolean samePackage(Class<?> a, Class<?> b) {
    return a.getPackageName().equals(b.getPackageName()) && a.getClassLoader() == b.getClassLoader();
  }

  private static Constructor<?> noArgConstructor(Class<?> c) {
    try {
      return c.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      return null; // refused later, with the reason
    }
  }

  private static boolean isPackagePrivate(Constructor<?> c) {
    int mods = c == null ? Modifier.PUBLIC : c.getModifiers();
    return !Modifier.isPublic(mods) && !Modifier.isProtected(mods) && !Modifier.isPrivate(mods);
  }
}
