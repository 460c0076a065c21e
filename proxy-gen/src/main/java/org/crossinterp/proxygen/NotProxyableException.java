package org.crossinterp.proxygen;

/**
 * A type cannot be proxied: a final class, a record or enum without interfaces, a sealed type,
 * a class without an accessible no-argument constructor, or a type this factory cannot reach
 * without a {@link java.lang.invoke.MethodHandles.Lookup}. The message says what to do.
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
