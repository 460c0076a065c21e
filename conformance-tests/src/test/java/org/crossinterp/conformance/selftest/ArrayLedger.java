package org.crossinterp.conformance.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A correct {@link Ledger}. */
public final class ArrayLedger implements Ledger {
  private final List<String> entries = new ArrayList<>();

  @Override
  public void record(String entry) {
    entries.add(entry);
  }

  @Override
  public void record(String entry, int times) {
    for (int i = 0; i < times; i++) {
      entries.add(entry);
    }
  }

  @Override
  public long total(long[] amounts) {
    long t = 0;
    for (long a : amounts) {
      t += a;
    }
    return t;
  }

  @Override
  public void audit(String note) throws java.io.IOException {
    if (note.isEmpty()) {
      throw new java.io.IOException("empty note");
    }
  }

  @Override
  public List<String> entries() {
    return entries;
  }

  @Override
  public void forEach(Consumer<String> sink) {
    entries.forEach(sink);
  }
}
