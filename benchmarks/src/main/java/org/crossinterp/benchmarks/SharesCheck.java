package org.crossinterp.benchmarks;

import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;

/**
 * The end-of-benchmark leak check: every export released, no share left to the garbage
 * collector. A benchmark that leaks would measure something else than the design's steady state
 * (the export table and the cleaner queue would grow), so it fails loudly instead.
 */
final class SharesCheck {
  private SharesCheck() {}

  /**
   * Throws unless the main interpreter (the origin of every benchmark's exports) pins nothing
   * and no share was released by the garbage collector. Call from a {@code @TearDown} on a
   * benchmark thread after the last item was received and released.
   *
   * @param where the benchmark, for the message
   * @throws IllegalStateException if a share leaked
   */
  static void assertNothingPinned(String where) {
    assertNothingPinned(where, new Interpreter[0]);
  }

  /**
   * Throws unless neither the main interpreter nor any of {@code others} pins anything and no
   * share was released by the garbage collector. Call from a {@code @TearDown} before closing
   * {@code others}.
   *
   * @param where the benchmark, for the message
   * @param others further interpreters the benchmark created
   * @throws IllegalStateException if a share leaked
   */
  static void assertNothingPinned(String where, Interpreter... others) {
    Interpreter[] all = new Interpreter[others.length + 1];
    all[0] = Interpreter.main();
    System.arraycopy(others, 0, all, 1, others.length);
    for (Interpreter i : all) {
      long live = i.liveShares();
      if (live != 0) {
        throw new IllegalStateException(
            where + ": interpreter " + i + " still has " + live + " live share(s) at teardown;"
                + " every received view and proxy must be released and the channel drained");
      }
    }
    long leaks = LeakDetector.leakCount();
    if (leaks != 0) {
      throw new IllegalStateException(
          where + ": " + leaks + " share(s) (views, proxies, encoded StrViews) were released by"
              + " the garbage collector instead of release(); release every one in the benchmark"
              + " method");
    }
  }
}
