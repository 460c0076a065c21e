package org.crossinterp.benchmarks;

/**
 * JVM options for every benchmark fork, as compile-time constants so that {@code @Fork} can
 * name them.
 *
 * <p>A fixed heap keeps the collector's sizing decisions out of the figures. Regions of 4 MiB
 * make the M2 baseline's 1 MiB arrays ordinary young-generation objects: with the default 1 MiB
 * regions of a small heap G1 would treat each copy as a humongous object, which would make the
 * copying baseline look worse than it has to and flatter the zero-copy ratio. Touching the whole
 * heap at start-up does the same for page faults: without it the baseline's first pass through
 * eden pays a page fault every 4 KiB of each copy, which made it several times slower.
 */
final class ForkArgs {
  /** Initial heap. */
  static final String XMS = "-Xms1g";

  /** Maximum heap. */
  static final String XMX = "-Xmx1g";

  /** G1 region size; see the class comment. */
  static final String REGION = "-XX:G1HeapRegionSize=4m";

  /** Page in the heap before the first iteration; see the class comment. */
  static final String PRETOUCH = "-XX:+AlwaysPreTouch";

  private ForkArgs() {}
}
