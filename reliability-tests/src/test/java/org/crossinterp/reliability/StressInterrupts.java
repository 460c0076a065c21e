package org.crossinterp.reliability;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.crossinterp.Interpreter;

/**
 * Interrupts a random thread of a stress run: one of its stress threads, or the dedicated
 * thread of one of its interpreters. An interrupt must never end a dedicated thread (its
 * interpreter would accept calls nobody runs) and never make a call hang or fail other than
 * with {@code InterruptedException} from a wait the task itself made.
 */
final class StressInterrupts {
  private final List<Thread> workers;
  private final Supplier<List<Interpreter>> dedicated;
  /** The dedicated thread of each interpreter, found once by its name. */
  private final ConcurrentHashMap<Interpreter, Thread> threads = new ConcurrentHashMap<>();

  final LongAdder sent = new LongAdder();

  StressInterrupts(List<Thread> workers, Supplier<List<Interpreter>> dedicated) {
    this.workers = workers;
    this.dedicated = dedicated;
  }

  void interruptOne() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    List<Interpreter> ds = dedicated.get();
    Thread victim;
    if (!ds.isEmpty() && r.nextBoolean()) {
      victim = dedicatedThreadOf(ds.get(r.nextInt(ds.size())));
    } else {
      synchronized (workers) {
        victim = workers.isEmpty() ? null : workers.get(r.nextInt(workers.size()));
      }
    }
    if (victim != null) {
      victim.interrupt();
      sent.increment();
    }
  }

  /** The thread named {@code crossinterp-<name>}, as the library names dedicated threads. */
  private Thread dedicatedThreadOf(Interpreter i) {
    Thread known = threads.get(i);
    if (known != null) {
      return known;
    }
    Thread t = dedicatedThreadNamed(i);
    if (t != null) {
      threads.put(i, t);
    }
    return t; // null: already stopped, its interpreter was closed
  }

  /** The live thread named {@code crossinterp-<name of i>}, or null. */
  static Thread dedicatedThreadNamed(Interpreter i) {
    String name = "crossinterp-" + i.name();
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] all = new Thread[root.activeCount() + 64];
    int n = root.enumerate(all, true);
    for (int k = 0; k < n; k++) {
      if (all[k].getName().equals(name)) {
        return all[k];
      }
    }
    return null;
  }
}
