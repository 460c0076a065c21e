package org.crossinterp.reliability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every item a stress run sends gets an id here, and must end exactly once: received once, or
 * withdrawn once (a send that timed out, was interrupted or found the channel closed leaves the
 * item with its sender). A proxy whose owner closed before it was received cannot say its id
 * (calls to it throw), so those are counted apart.
 */
final class StressLedger {
  private final AtomicLong issued = new AtomicLong();
  private final ConcurrentHashMap<Long, String> fates = new ConcurrentHashMap<>();
  private final AtomicInteger ownerGone = new AtomicInteger();
  private final StressProblems problems;

  StressLedger(StressProblems problems) {
    this.problems = problems;
  }

  long issue() {
    return issued.getAndIncrement();
  }

  void received(long id) {
    settle(id, "received");
  }

  void withdrawn(long id) {
    settle(id, "withdrawn");
  }

  void ownerGone() {
    ownerGone.incrementAndGet();
  }

  private void settle(long id, String fate) {
    String before = fates.putIfAbsent(id, fate);
    if (before != null) {
      problems.report("item " + id + " " + fate + " after it was " + before + " (duplicated)");
    }
  }

  long issued() {
    return issued.get();
  }

  /** Checks that no item was lost (duplicates were reported as they happened). */
  void checkNothingLost() {
    long lost = issued.get() - fates.size() - ownerGone.get();
    if (lost != 0) {
      problems.report(
          lost + " of " + issued.get() + " items neither received nor withdrawn (lost)");
    }
  }
}
