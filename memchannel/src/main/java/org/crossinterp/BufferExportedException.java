package org.crossinterp;

/**
 * A buffer was resized or otherwise reshaped while other interpreters still hold views of it (PEP 3118's rule: an exported buffer keeps its shape). Release every view first, or allocate a new buffer.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class BufferExportedException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public BufferExportedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public BufferExportedException(String message, Throwable cause) {
    super(message, cause);
  }
}
