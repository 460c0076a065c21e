package org.crossinterp;

/**
 * Base of every exception crossinterp throws for misuse or for a state that forbids an operation. Unchecked, like the JDK's {@link IllegalStateException}: each subclass names one condition, and its message names the fix.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class CrossInterpreterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public CrossInterpreterException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public CrossInterpreterException(String message, Throwable cause) {
    super(message, cause);
  }
}
