package org.crossinterp.proxygen;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The origin side of a proxy class: calls a method, by id, on the real object. Each id is bound
 * to a {@link MethodHandle} (virtual dispatch, so overrides and default methods behave as a
 * direct call would), never to {@code Method.invoke}; after warm-up the JIT treats the call as an
 * ordinary one. Immutable and thread-safe.
 */
public final class Invoker {
  private final MethodHandle[] handles;

  Invoker(MethodHandle[] handles) {
    this.handles = handles;
  }

  static Invoker of(List<Method> methods, java.lang.invoke.MethodHandles.Lookup lookup) {
    MethodHandle[] hs = new MethodHandle[methods.size()];
    for (int i = 0; i < hs.length; i++) {
      Method m = methods.get(i);
      try {
        MethodHandle h = lookup.unreflect(m);
        hs[i] =
            h.asSpreader(Object[].class, m.getParameterCount())
                .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class, Object[].class));
      } catch (IllegalAccessException e) {
        throw new NotProxyableException(
            "cannot call " + m + " on the real object: " + e.getMessage()
                + "; pass a Lookup that can see it with ProxyFactory.using(MethodHandles.lookup())");
      }
    }
    return new Invoker(hs);
  }

  /**
   * Calls method {@code methodId} on {@code target}.
   *
   * @param target the real object; an instance of the proxied types
   * @param methodId the id the dispatcher received
   * @param args the arguments the dispatcher received
   * @return the result, boxed; null for void
   * @throws Throwable whatever the method threw, unchanged
   */
  public Object invoke(Object target, int methodId, Object[] args) throws Throwable {
    return handles[methodId].invokeExact(target, args);
  }
}
