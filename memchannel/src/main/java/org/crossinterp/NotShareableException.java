package org.crossinterp;

/**
 * An object cannot cross to another interpreter: it is not an accepted buffer type, it is confined to one thread, or it is neither immutable, registered nor proxyable. The message names the type, the reason and the fix.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class NotShareableException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public NotShareableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public NotShareableException(String message, Throwable cause) {
    super(message, cause);
  }
}
