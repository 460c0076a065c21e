package org.crossinterp.benchmarks;

/**
 * JVM options for every benchmark fork, as compile-time constants so that {@code @Fork} can
 * name them.
 *
 * <p>A fixed heap keeps the collector's sizing decisions out of the figures. Regions of 4 MiB
 * make the M2 baseline's 1 MiB arrays ordinary young-generation objects: with the default 1 MiB
 * regions of a small heap G1 would treat each copy as a humongous object, which would make the
 * copying baseline look worse than it has to and flatter the zero-copy ratio.
 */
final class ForkArgs {
  /** Initial heap. */
  static final String XMS = "-Xms1g";

  /** Maximum heap. */
  static final String XMX = "-Xmx1g";

  /** G1 region size; see the class comment. */
  static final String REGION = "-XX:G1HeapRegionSize=4m";

  private ForkArgs() {}
}
