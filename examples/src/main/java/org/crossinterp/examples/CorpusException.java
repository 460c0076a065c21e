package org.crossinterp.examples;

import java.io.Serial;

/**
 * The corpus could not be read. The message is one line that names the file, the reason and
 * what to do instead; the demo prints it as it is, without a stack trace.
 */
final class CorpusException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * An unreadable corpus.
   *
   * @param message one line: the file, the reason, the fix
   * @param cause the I/O error behind it, or null
   */
  CorpusException(String message, Throwable cause) {
    super(message, cause);
  }
}
