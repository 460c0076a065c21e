package org.crossinterp.conformance.selftest;

import java.util.List;
import java.util.function.Consumer;

/**
 * A sample interface with the harder shapes: a default method, an overload, a primitive array, a
 * mutable result (proxied back), a callback (proxied the other way) and a checked exception. (Varargs: see {@link
 * CrossModuleRegressionTest}.)
 */
public interface Ledger {
  /** @param entry one more entry */
  void record(String entry);

  /**
   * @param entry one more entry
   * @param times how often
   */
  void record(String entry, int times);

  /**
   * @param amounts some amounts (copied across)
   * @return their sum
   */
  long total(long[] amounts);

  /** @return the entries, as a list the receiver reaches through a proxy */
  List<String> entries();

  /** @param sink called with every entry, in the caller's interpreter */
  void forEach(Consumer<String> sink);

  /**
   * Checks a note.
   *
   * @param note must not be empty
   * @throws java.io.IOException (checked) if it is
   */
  void audit(String note) throws java.io.IOException;

  /** @return how many entries */
  default int count() {
    return entries().size();
  }
}
