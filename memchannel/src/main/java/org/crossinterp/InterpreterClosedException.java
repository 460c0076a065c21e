package org.crossinterp;

/**
 * An {@link Interpreter} was used after {@link Interpreter#close()}: calling into it, submitting to it, or calling a proxy of one of its objects.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class InterpreterClosedException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public InterpreterClosedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public InterpreterClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
