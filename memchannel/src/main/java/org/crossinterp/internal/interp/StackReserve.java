package org.crossinterp.internal.interp;

/**
 * Makes sure there is stack left before a step that must not be cut in half.
 *
 * <p>A {@link StackOverflowError} is thrown where a method is entered without enough stack
 * beneath it. Most of crossinterp's bookkeeping is written to be resumable (see {@link Frame}),
 * but a few steps live in library code that is not: a JCTools queue's {@code offer} claims a
 * slot and then fills it, its {@code poll} empties a slot and then moves on, and an overflow in
 * between leaves a slot that the consumer spins on forever. Before such a step, {@link #ensure}
 * uses more stack than the step will, and returns: if there is not enough, it overflows here,
 * where nothing has changed yet, and the caller's resumable bookkeeping retries from a
 * shallower stack.
 */
public final class StackReserve {
  /** Frames the probe goes down; each is larger than any frame of a guarded step. */
  private static final int DEPTH = 16;

  /** Enough for a whole release: view, export, pending call, and the guarded queue step. */
  public static final int RELEASE = 3 * DEPTH;

  private StackReserve() {}

  /**
   * Throws {@link StackOverflowError} now, rather than in the step that follows, if the stack
   * is nearly exhausted.
   */
  static void ensure() {
    ensure(DEPTH);
  }

  /**
   * As {@link #ensure()}, for a longer step.
   *
   * @param frames how many probe frames the step may need
   */
  public static void ensure(int frames) {
    if (probe(frames, 1L) == Long.MIN_VALUE) {
      throw new AssertionError("unreachable: keeps the probe from being optimised away");
    }
  }

  /**
   * One fat frame per level: sixteen values live across the recursive call must be kept on the
   * stack (compiled code spills them, having no callee-saved registers; the interpreter has them
   * as locals), so each frame is larger than the small frames of the steps it guards, compiled
   * or not.
   */
  private static long probe(int depth, long seed) {
    if (depth == 0) {
      return seed;
    }
    long a = seed * 31 + 1;
    long b = a * 31 + 2;
    long c = b * 31 + 3;
    long d = c * 31 + 4;
    long e = d * 31 + 5;
    long f = e * 31 + 6;
    long g = f * 31 + 7;
    long h = g * 31 + 8;
    long i = h * 31 + 9;
    long j = i * 31 + 10;
    long k = j * 31 + 11;
    long l = k * 31 + 12;
    long m = l * 31 + 13;
    long n = m * 31 + 14;
    long o = n * 31 + 15;
    long p = o * 31 + 16;
    long r = probe(depth - 1, p);
    // each value is folded into the result one after the other, rotated and multiplied, so no
    // compiler can combine them before the call: all sixteen stay live across it, on the stack
    r = Long.rotateLeft(r ^ a, 1) * b;
    r = Long.rotateLeft(r ^ c, 3) * d;
    r = Long.rotateLeft(r ^ e, 5) * f;
    r = Long.rotateLeft(r ^ g, 7) * h;
    r = Long.rotateLeft(r ^ i, 11) * j;
    r = Long.rotateLeft(r ^ k, 13) * l;
    r = Long.rotateLeft(r ^ m, 17) * n;
    return Long.rotateLeft(r ^ o, 19) * p;
  }
}
