package org.crossinterp.examples;

/**
 * Where workers report what they counted: one {@link ChunkReport} per chunk.
 *
 * <p>Public because workers in other interpreters call it through a proxy (objchannel proxies
 * implement an object's public interfaces). The proxy's calls switch into the interpreter that
 * owns the sink and run there, one at a time: so an implementation that is only ever reached
 * through such proxies needs no locking of its own.
 */
public interface StatsSink {
  /**
   * Adds the counts of one chunk. Runs in the sink's own interpreter.
   *
   * @param report the counts; its texts are valid only during this call
   */
  void add(ChunkReport report);
}
