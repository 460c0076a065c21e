package org.crossinterp.proxygen;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The origin side of a proxy class: calls a method, by id, on the real object. Each id is bound
 * to a {@link MethodHandle} with virtual dispatch (so overrides, bridges and default methods
 * behave as a direct call would), never to {@code Method.invoke}; after warm-up the JIT treats
 * the call as an ordinary one. Immutable and thread-safe: any thread may call it, usually the
 * one that owns the real object.
 *
 * <p>Conversions are those of a call through a reference of the proxied type: a boxed argument
 * is unboxed (a {@code null} for a primitive parameter throws {@link NullPointerException}), an
 * argument of the wrong type throws {@link ClassCastException}, a primitive result comes back
 * boxed and a {@code void} method returns {@code null}.
 */
public final class Invoker {
  private static final MethodType SPREAD =
      MethodType.methodType(Object.class, Object.class, Object[].class);

  private final MethodHandle[] handles;

  private Invoker(MethodHandle[] handles) {
    this.handles = handles;
  }

  /**
   * Binds each method to a handle on its declaring type or, where that is not accessible, on a
   * proxied type that inherits it: resolving through the accessible subtype, as a compiled call
   * site does, lets a public interface inherit from a package-private one.
   */
  static Invoker of(List<Method> methods, List<Class<?>> proxiedTypes, MethodHandles.Lookup lookup) {
    MethodHandle[] hs = new MethodHandle[methods.size()];
    for (int i = 0; i < hs.length; i++) {
      Method m = methods.get(i);
      MethodType type = MethodType.methodType(m.getReturnType(), m.getParameterTypes());
      MethodHandle h;
      try {
        h = lookup.findVirtual(m.getDeclaringClass(), m.getName(), type);
      } catch (NoSuchMethodException | IllegalAccessException first) {
        try {
          h = lookup.findVirtual(inheritor(m, proxiedTypes), m.getName(), type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
          throw new NotProxyableException(
              "cannot call " + m + " on the real object: " + e.getMessage()
                  + ". Pass a Lookup that can see it: ProxyFactory.using(MethodHandles.lookup())"
                  + " from its package");
        }
      }
      hs[i] = h.asFixedArity().asSpreader(Object[].class, m.getParameterCount()).asType(SPREAD);
    }
    return new Invoker(hs);
  }

  private static Class<?> inheritor(Method m, List<Class<?>> proxiedTypes) {
    for (Class<?> t : proxiedTypes) {
      if (m.getDeclaringClass().isAssignableFrom(t)) {
        return t;
      }
    }
    return m.getDeclaringClass();
  }

  /**
   * Calls method {@code methodId} on {@code target}, on the calling thread.
   *
   * @param target the real object; an instance of the proxied types
   * @param methodId the id the dispatcher received
   * @param args the arguments the dispatcher received
   * @return the result, boxed; null for void
   * @throws Throwable whatever the method threw, unchanged, checked or not; {@link
   *     ClassCastException} if {@code target} or an argument has the wrong type
   * @throws ArrayIndexOutOfBoundsException if {@code methodId} is not an id of this proxy class
   */
  public Object invoke(Object target, int methodId, Object[] args) throws Throwable {
    return handles[methodId].invokeExact(target, args);
  }
}
