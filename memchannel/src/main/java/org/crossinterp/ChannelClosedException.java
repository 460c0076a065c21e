package org.crossinterp;

/**
 * A channel operation found the channel closed: a send after {@code closeSend()}/{@code close()}, a receive once the channel is closed and drained, or a wait cut short by {@code closeNow()}.
 *
 * <p>Thrown on the thread that made the call; the operation it reports had no effect.
 */
public class ChannelClosedException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public ChannelClosedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public ChannelClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
