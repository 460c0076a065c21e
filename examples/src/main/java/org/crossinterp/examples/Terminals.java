package org.crossinterp.examples;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether the process's standard error is a terminal, where a progress bar makes sense. */
final class Terminals {
  private Terminals() {}

  /**
   * Whether standard error is a terminal. On Linux this reads where file descriptor 2 points;
   * elsewhere it asks {@link System#console()}, which looks at standard input and output.
   *
   * @return true for a terminal; false for a pipe, a file, or when unsure
   */
  static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the portable guess
    }
    Console console = System.console();
    return console != null && console.isTerminal();
  }
}
