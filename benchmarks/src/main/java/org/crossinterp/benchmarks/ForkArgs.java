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
 *
 * <p>The S1, P1 and P2 benchmarks use a 256 MiB heap ({@link #XMS_SMALL}, {@link #XMX_SMALL})
 * with pre-touching and regions of 8 MiB ({@link #REGION_LARGE}): touching 1 GiB at the start of
 * each of their 40-odd forks cost more wall time than the whole run may take (seconds per fork
 * in a virtual machine, tens of seconds on a loaded one), and the S1 baseline decoding the mixed
 * text allocates a 2 MiB {@code char[]} scratch array, which 4 MiB regions would make humongous
 * (half a region or more), flattering StrView.
 */
final class ForkArgs {
  /** Initial heap. */
  static final String XMS = "-Xms1g";

  /** Maximum heap. */
  static final String XMX = "-Xmx1g";

  /** Initial heap of the S1, P1 and P2 benchmarks; see the class comment. */
  static final String XMS_SMALL = "-Xms256m";

  /** Maximum heap of the S1, P1 and P2 benchmarks. */
  static final String XMX_SMALL = "-Xmx256m";

  /** G1 region size; see the class comment. */
  static final String REGION = "-XX:G1HeapRegionSize=4m";

  /** G1 region size of the S1, P1 and P2 benchmarks; see the class comment. */
  static final String REGION_LARGE = "-XX:G1HeapRegionSize=8m";

  /** Page in the heap before the first iteration; see the class comment. */
  static final String PRETOUCH = "-XX:+AlwaysPreTouch";

  private ForkArgs() {}
}
