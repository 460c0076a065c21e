package org.crossinterp.examples;

import java.io.Serial;

/**
 * The corpus could not be read. The message is one line that names the file, the reason and
 * what to do instead; the demo prints it as it is, without a stack trace.
 */
final class CorpusException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  CorpusException(String message, Throwable cause) {
    super(message, cause);
  }
}
