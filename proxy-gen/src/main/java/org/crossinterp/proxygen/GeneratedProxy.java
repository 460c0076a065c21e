package org.crossinterp.proxygen;

/**
 * Implemented by every generated proxy class, so that a proxy can be recognised and its
 * dispatcher found without reflection. Use {@link ProxyFactory#isProxy} and {@link
 * ProxyFactory#dispatcherOf} rather than this type.
 */
public interface GeneratedProxy {
  /**
   * The dispatcher this proxy routes to. (The odd name cannot clash with an interface method.)
   *
   * @return the dispatcher
   */
  Dispatcher $crossinterp$dispatcher();
}
