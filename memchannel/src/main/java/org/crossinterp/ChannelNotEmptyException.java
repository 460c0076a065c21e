package org.crossinterp;

/**
 * {@code close()} was called on a channel that still holds items. Nothing was changed: receive the items, or use {@code closeNow()}, which hands them to the caller.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class ChannelNotEmptyException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public ChannelNotEmptyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public ChannelNotEmptyException(String message, Throwable cause) {
    super(message, cause);
  }
}
