package org.crossinterp.internal.leak;

/**
 * A recorded touch of a tracked share (Netty's {@code touch}): a hint and where it happened,
 * linked to the touches before it, newest first. A chain keeps the {@value #KEPT} most recent.
 *
 * @param hint what the caller said, or null
 * @param where the stack at the touch
 * @param previous the touch before, or null
 * @param depth how many touches this chain holds
 */
public record Touch(String hint, Throwable where, Touch previous, int depth) {
  /** How many touches a chain keeps (the most recent ones). */
  public static final int KEPT = 4;

  /** {@code chain} with a new touch in front, the oldest dropped beyond {@value #KEPT}. */
  static Touch after(Touch chain, Object hint) {
    Touch kept = chain;
    if (kept != null && kept.depth() >= KEPT) {
      kept = trim(kept, KEPT - 1);
    }
    return new Touch(
        hint == null ? null : String.valueOf(hint),
        new Throwable("touched here"),
        kept,
        kept == null ? 1 : kept.depth() + 1);
  }

  private static Touch trim(Touch t, int keep) {
    if (t == null || keep == 0) {
      return null;
    }
    Touch rest = trim(t.previous(), keep - 1);
    return new Touch(t.hint(), t.where(), rest, rest == null ? 1 : rest.depth() + 1);
  }
}
