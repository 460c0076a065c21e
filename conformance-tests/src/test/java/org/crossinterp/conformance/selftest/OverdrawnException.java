package org.crossinterp.conformance.selftest;

/** Thrown by {@link Account#withdraw} when the balance is too low. */
public final class OverdrawnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what happened */
  public OverdrawnException(String message) {
    super(message);
  }
}
