package org.crossinterp.conformance.selftest;

/** A sample interface with a varargs method. */
public interface Joiner {
  /**
   * @param parts the parts
   * @return the parts, joined with commas
   */
  String join(String... parts);
}
