package org.crossinterp.proxygen;

/**
 * A type cannot be proxied: a final class, a record or enum, a sealed type, a hidden or anonymous
 * class, a class without a no-argument constructor the proxy can call or with methods it cannot
 * route, or a type this factory cannot reach without a {@link
 * java.lang.invoke.MethodHandles.Lookup}. The message names the type, the reason and what to do
 * (usually: proxy through the object's interfaces, see {@link
 * ProxyFactory#proxyableInterfaces}, or use {@link ProxyFactory#using}). A refusal caches
 * nothing: the same request is checked again, and refused again, next time.
 */
public final class NotProxyableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the type, why, and the fix
   */
  public NotProxyableException(String message) {
    super(message);
  }
}
