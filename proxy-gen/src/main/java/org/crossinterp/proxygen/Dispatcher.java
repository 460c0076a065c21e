package org.crossinterp.proxygen;

/**
 * Receives every call made on a generated proxy. One dispatcher per proxy instance, held in an
 * instance field, so one generated class serves every instance.
 *
 * <p>Called on the thread that called the proxy method. {@code methodId} indexes {@link
 * ProxyClass#methods()}; {@code args} is a fresh array of the arguments, primitives boxed. The
 * returned value is cast (or unboxed) to the method's return type; for {@code void} methods it
 * is ignored. A value of the wrong type makes the call throw {@link ClassCastException}, and
 * {@code null} for a primitive return type {@link NullPointerException} (no widening, no
 * default value). Whatever the dispatcher throws reaches the caller unchanged, checked or not,
 * even a checked exception the method does not declare (no {@code
 * UndeclaredThrowableException}).
 *
 * <p>The usual dispatcher performs the call elsewhere and returns its result, e.g. {@code
 * proxyClass.invoker().invoke(realObject, methodId, args)} on the thread that owns the real
 * object.
 */
@FunctionalInterface
public interface Dispatcher {
  /**
   * Handles one call.
   *
   * @param proxy the proxy the method was called on
   * @param methodId the index of the method in {@link ProxyClass#methods()}
   * @param args the arguments (an empty array for none)
   * @return the result, boxed for primitive return types; ignored for void
   * @throws Throwable anything, passed to the caller unchanged
   */
  Object dispatch(Object proxy, int methodId, Object[] args) throws Throwable;
}
