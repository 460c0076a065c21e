package org.crossinterp.objchannel.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.proxygen.NotProxyableException;
import org.crossinterp.proxygen.ProxyClass;
import org.crossinterp.proxygen.ProxyFactory;

/**
 * A proxy made through an object's interfaces also extends its nearest public abstract
 * superclass that is a type of its own, one that declares public methods none of those
 * interfaces has. Abstract classes are Java's other way to declare a type meant to be
 * implemented elsewhere: {@code InputStream}, {@code OutputStream}, {@code Reader}, {@code
 * Writer}, {@code Number}, {@code TimerTask}. Without this, a {@code FileInputStream} would
 * arrive as a mere {@code Closeable}. Skeletal implementations ({@code AbstractList}, {@code
 * AbstractMap}), all of whose methods the interfaces already declare, add nothing and are
 * skipped, so collections are still proxied through their interfaces alone.
 *
 * <p>Where the proxy cannot extend that class (no accessible no-argument constructor, a public
 * final method), the interfaces alone make the proxy, as before.
 */
final class AbstractBase {
  private AbstractBase() {}

  /** The proxy class for objects of {@code c}, through {@code interfaces} (not empty). */
  static ProxyClass<?> proxyClass(Class<?> c, List<Class<?>> interfaces) {
    Class<?> base = of(c, interfaces);
    if (base != null) {
      List<Class<?>> types = new ArrayList<>(interfaces);
      types.add(base);
      try {
        return ProxyFactory.standard().proxyClass(types);
      } catch (NotProxyableException cannotExtend) {
        // the interfaces still make a usable proxy
      }
    }
    return ProxyFactory.standard().proxyClass(interfaces);
  }

  /** The nearest public abstract superclass of {@code c} that adds methods, or null. */
  static Class<?> of(Class<?> c, List<Class<?>> interfaces) {
    for (Class<?> k = c.getSuperclass(); k != null && k != Object.class; k = k.getSuperclass()) {
      int modifiers = k.getModifiers();
      if (Modifier.isAbstract(modifiers)
          && Modifier.isPublic(modifiers)
          && !k.isSealed()
          && k.getModule().isExported(k.getPackageName())
          && addsMethods(k, interfaces)) {
        return k;
      }
    }
    return null;
  }

  private static boolean addsMethods(Class<?> k, List<Class<?>> interfaces) {
    for (Method m : k.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())
          && !has(Object.class, m)
          && interfaces.stream().noneMatch(i -> has(i, m))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} has a public method with the name and parameters of {@code m}. */
  private static boolean has(Class<?> type, Method m) {
    try {
      type.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
