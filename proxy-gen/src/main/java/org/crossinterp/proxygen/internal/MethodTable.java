package org.crossinterp.proxygen.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods a proxy routes, one per signature (name and erased parameter types), each with a
 * compact id: its index. Where the same signature is declared more than once (an interface
 * extending two with the same method, covariant returns) the one with the most specific return
 * type stands for all; the generated class gets bridges for the others, and all reach the same id.
 * {@code equals}, {@code hashCode} and {@code toString} always come first (ids 0, 1, 2).
 */
public final class MethodTable {
  /** Ids of the {@link Object} methods every proxy routes. */
  public static final int EQUALS = 0;

  /** Id of {@code hashCode}. */
  public static final int HASH_CODE = 1;

  /** Id of {@code toString}. */
  public static final int TO_STRING = 2;

  private final List<Method> methods;

  private MethodTable(List<Method> methods) {
    this.methods = List.copyOf(methods);
  }

  /** The routed methods of a proxy extending {@code superclass} and implementing {@code interfaces}. */
  public static MethodTable of(Class<?> superclass, List<Class<?>> interfaces) {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    try {
      add(bySignature, Object.class.getMethod("equals", Object.class));
      add(bySignature, Object.class.getMethod("hashCode"));
      add(bySignature, Object.class.getMethod("toString"));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    if (superclass != Object.class) {
      for (Method m : superclass.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers())
            && !m.isBridge()
            && m.getDeclaringClass() != Object.class) {
          add(bySignature, m);
        }
      }
    }
    for (Class<?> i : interfaces) {
      for (Method m : i.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) && !m.isBridge()) {
          add(bySignature, m);
        }
      }
    }
    return new MethodTable(new ArrayList<>(bySignature.values()));
  }

  private static void add(Map<String, Method> bySignature, Method m) {
    String key = m.getName() + Arrays.toString(m.getParameterTypes());
    bySignature.merge(
        key,
        m,
        (old, now) ->
            old.getReturnType().isAssignableFrom(now.getReturnType())
                    && old.getReturnType() != now.getReturnType()
                ? now
                : old);
  }

  /** The methods, indexed by id. */
  public List<Method> methods() {
    return methods;
  }

  /** The public final methods of {@code superclass} a subclass cannot route (besides Object's). */
  public static List<Method> unroutable(Class<?> superclass) {
    List<Method> out = new ArrayList<>();
    for (Method m : superclass.getMethods()) {
      if (Modifier.isFinal(m.getModifiers())
          && !Modifier.isStatic(m.getModifiers())
          && m.getDeclaringClass() != Object.class) {
        out.add(m);
      }
    }
    return out;
  }
}
