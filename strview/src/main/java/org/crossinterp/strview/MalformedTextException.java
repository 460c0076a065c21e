package org.crossinterp.strview;

import org.crossinterp.CrossInterpreterException;

/**
 * Bytes that are not valid text in the encoding asked for: malformed or truncated UTF-8
 * sequences, overlong forms, encoded surrogates, bytes above {@code 0xF4}, or an odd number of
 * UTF-16 bytes. Thrown when the text is wrapped, before any view of it exists, so nothing is
 * retained.
 */
public final class MalformedTextException extends CrossInterpreterException {
  private static final long serialVersionUID = 1L;

  /** Where the malformed sequence starts. */
  private final long byteOffset;

  /**
   * Creates the exception.
   *
   * @param byteOffset the offset of the first byte of the malformed sequence
   * @param message what is wrong and how to fix it
   */
  public MalformedTextException(long byteOffset, String message) {
    super(message);
    this.byteOffset = byteOffset;
  }

  /**
   * Where the malformed sequence starts, in bytes from the start of the wrapped memory.
   *
   * @return the offset
   */
  public long byteOffset() {
    return byteOffset;
  }
}
