package org.crossinterp;

/**
 * Receiving an item whose sending interpreter was closed while the item was queued, on a channel whose {@link UnboundPolicy} is {@link UnboundPolicy#ERROR ERROR}. The item was consumed and its share released.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class ItemInterpreterClosedException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public ItemInterpreterClosedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public ItemInterpreterClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
