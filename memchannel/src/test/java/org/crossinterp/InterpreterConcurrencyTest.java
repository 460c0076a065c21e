package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.InterpreterTestSupport.domainOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.crossinterp.internal.interp.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "One thread inside an interpreter at a time" under load, and switching that cannot deadlock
 * because a thread never waits for one interpreter lock while holding another.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterpreterConcurrencyTest {
  private static final int PLATFORM_THREADS = 8;
  private static final int VIRTUAL_THREADS = 64;

  /** What lives inside one interpreter: plain fields, touched only by the thread inside. */
  static final class State {
    final Interpreter interp;
    int counter;
    boolean inside;
    int overlaps;
    int wrongCurrent;
    boolean hookInside;
    int hookOverlaps;
    final AtomicInteger occupancy = new AtomicInteger();
    final AtomicInteger occupancyOverlaps = new AtomicInteger();
    final LongAdder expected = new LongAdder();

    State(Interpreter.Builder builder, boolean hooks) {
      if (hooks) {
        builder =
            builder
                .onEnter(
                    () -> {
                      if (hookInside) {
                        hookOverlaps++;
                      }
                      hookInside = true;
                    })
                .onLeave(() -> hookInside = false);
      }
      this.interp = builder.build();
    }

    /** Claims the interpreter for the calling thread; counts an overlap if someone else has it. */
    void arrive() {
      if (occupancy.incrementAndGet() != 1) {
        occupancyOverlaps.incrementAndGet();
      }
      if (inside) {
        overlaps++;
      }
      inside = true;
      if (Interpreter.current() != interp) {
        wrongCurrent++;
      }
    }

    void depart() {
      inside = false;
      occupancy.decrementAndGet();
    }

    /** A non-atomic increment with a window for another thread to slip in. */
    void bump() {
      int c = counter;
      if (ThreadLocalRandom.current().nextInt(8) == 0) {
        Thread.yield();
      }
      counter = c + 1;
    }

    void assertExact() throws Exception {
      String who = interp.toString();
      assertEquals(0, occupancyOverlaps.get(), () -> "two threads inside " + who);
      assertEquals(0, interp.call(() -> overlaps), () -> "inside flag overlap in " + who);
      assertEquals(0, interp.call(() -> hookOverlaps), () -> "hooks overlap in " + who);
      assertEquals(0, interp.call(() -> wrongCurrent), () -> "wrong current() in " + who);
      assertEquals(expected.sum(), (long) interp.call(() -> counter), () -> "lost updates in " + who);
    }
  }

  private static List<Thread> startAll(int platform, int virtual, Runnable body) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < platform; i++) {
      threads.add(Thread.ofPlatform().name("hammer-p" + i).start(body));
    }
    for (int i = 0; i < virtual; i++) {
      threads.add(Thread.ofVirtual().name("hammer-v" + i).start(body));
    }
    return threads;
  }

  private static void joinAll(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }

  // ------------------------------------------------------------------ one thread at a time

  @Test
  void manyThreadsWithRandomNestedCrossCallsNeverOverlapAndLoseNoUpdate() throws Exception {
    List<State> states =
        List.of(
            new State(Interpreter.builder().name("h0"), false),
            new State(Interpreter.builder().name("h1"), true),
            new State(Interpreter.builder().name("h2"), true),
            new State(Interpreter.builder().name("h3-dedicated").dedicatedThread(true), true));
    try {
      List<Domain> domains = new ArrayList<>();
      for (State s : states) {
        domains.add(domainOf(s.interp));
      }
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads =
          startAll(
              PLATFORM_THREADS,
              VIRTUAL_THREADS,
              () -> {
                try {
                  start.await();
                  ThreadLocalRandom rnd = ThreadLocalRandom.current();
                  for (int i = 0; i < 100; i++) {
                    int k = rnd.nextInt(states.size());
                    states.get(k).interp.call(() -> visit(states, domains, k, 3));
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              });
      start.countDown();
      joinAll(threads);
      assertTrue(failures.isEmpty(), () -> "a thread failed: " + failures);
      // the dedicated thread runs its pending calls in order after what it was given before
      states.getLast().interp.call(() -> null);
      for (State s : states) {
        s.assertExact();
      }
      assertNoLeaks(states.stream().map(s -> s.interp).toArray(Interpreter[]::new));
    } finally {
      states.forEach(s -> s.interp.close());
    }
  }

  /** Runs inside {@code states[k]}: bumps its counter, maybe calls or posts elsewhere. */
  private static Void visit(List<State> states, List<Domain> domains, int k, int depth)
      throws Exception {
    State s = states.get(k);
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    s.arrive();
    s.expected.increment();
    s.bump();
    if (depth > 0 && rnd.nextInt(3) > 0) {
      int j = rnd.nextInt(states.size());
      s.depart(); // switching out: another thread may come in
      states.get(j).interp.call(() -> visit(states, domains, j, depth - 1));
      s.arrive(); // back, alone again
      s.expected.increment();
      s.bump();
    }
    if (rnd.nextInt(4) == 0) {
      int j = rnd.nextInt(states.size());
      State t = states.get(j);
      t.expected.increment();
      // a pending call into an idle interpreter switches there like a call (DESIGN §1: the
      // thread gives back its own lock first, never holding two): a switch point
      s.depart();
      domains
          .get(j)
          .runPending(
              () -> {
                boolean self = t == s;
                if (self) {
                  t.bump(); // posted to the interpreter this thread is in: runs here and now
                } else {
                  t.arrive();
                  t.bump();
                  t.depart();
                }
              });
      s.arrive();
    }
    s.depart();
    return null;
  }

  @Test
  void closingWhileThreadsHammerLetsNoTaskRunAfterCloseReturns() throws Exception {
    Interpreter x = Interpreter.create("target");
    int[] counter = new int[1]; // plain, touched only inside x
    AtomicInteger succeeded = new AtomicInteger();
    AtomicBoolean closeReturned = new AtomicBoolean();
    AtomicInteger ranAfterClose = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    List<Thread> threads =
        startAll(
            4,
            12,
            () -> {
              for (; ; ) {
                try {
                  x.run(
                      () -> {
                        if (closeReturned.get()) {
                          ranAfterClose.incrementAndGet();
                        }
                        int c = counter[0];
                        Thread.yield();
                        counter[0] = c + 1;
                        succeeded.incrementAndGet();
                      });
                } catch (InterpreterClosedException e) {
                  return;
                } catch (Throwable t) {
                  unexpected.add(t);
                  return;
                }
              }
            });
    while (succeeded.get() < 2000) {
      Thread.onSpinWait();
    }
    x.close();
    closeReturned.set(true);
    assertFalse(x.isRunning(), "a thread is still inside after close returned");
    int atClose = counter[0]; // close waited for every thread inside: their writes are visible
    joinAll(threads);
    assertTrue(unexpected.isEmpty(), () -> unexpected.toString());
    assertEquals(0, ranAfterClose.get());
    assertEquals(succeeded.get(), atClose);
    assertEquals(succeeded.get(), counter[0]);
    assertNoLeaks(x);
  }

  // ------------------------------------------------------------------ no deadlock

  @Test
  void twoThreadsCrossCallingInOppositeDirectionsDoNotDeadlock() throws Exception {
    try (Interpreter a = Interpreter.create("a");
        Interpreter b = Interpreter.create("b")) {
      int[] inA = new int[1];
      int[] inB = new int[1];
      int rounds = 5_000;
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Runnable aThenB =
          () -> {
            try {
              for (int i = 0; i < rounds; i++) {
                a.call(
                    () -> {
                      inA[0]++;
                      return b.call(() -> inB[0]++);
                    });
              }
            } catch (Throwable t) {
              failures.add(t);
            }
          };
      Runnable bThenA =
          () -> {
            try {
              for (int i = 0; i < rounds; i++) {
                b.call(
                    () -> {
                      inB[0]++;
                      return a.call(() -> inA[0]++);
                    });
              }
            } catch (Throwable t) {
              failures.add(t);
            }
          };
      Thread t1 = Thread.ofPlatform().start(aThenB);
      Thread t2 = Thread.ofPlatform().start(bThenA);
      t1.join();
      t2.join();
      assertTrue(failures.isEmpty(), failures::toString);
      assertEquals(2 * rounds, a.call(() -> inA[0]));
      assertEquals(2 * rounds, b.call(() -> inB[0]));
      assertNoLeaks(a, b);
    }
  }

  @Test
  void manyThreadsCrossCallingAroundARingDoNotDeadlock() throws Exception {
    List<Interpreter> ring = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        ring.add(Interpreter.create("ring" + i));
      }
      ring.add(Interpreter.builder().name("ring-dedicated").dedicatedThread(true).build());
      int n = ring.size();
      int[] visits = new int[n];
      LongAdder expected = new LongAdder();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Thread> threads =
          startAll(
              PLATFORM_THREADS,
              16,
              () -> {
                try {
                  ThreadLocalRandom rnd = ThreadLocalRandom.current();
                  for (int r = 0; r < 100; r++) {
                    int first = rnd.nextInt(n);
                    int step = rnd.nextBoolean() ? 1 : n - 1; // both directions around the ring
                    ring.get(first).call(() -> walk(ring, visits, expected, first, step, n));
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              });
      joinAll(threads);
      assertTrue(failures.isEmpty(), failures::toString);
      long total = 0;
      for (int i = 0; i < n; i++) {
        int k = i;
        total += ring.get(k).call(() -> visits[k]);
      }
      assertEquals(expected.sum(), total);
      assertNoLeaks(ring.toArray(Interpreter[]::new));
    } finally {
      ring.forEach(Interpreter::close);
    }
  }

  private static Void walk(
      List<Interpreter> ring, int[] visits, LongAdder expected, int at, int step, int left)
      throws Exception {
    visits[at]++;
    expected.increment();
    if (left > 1) {
      int next = (at + step) % ring.size();
      ring.get(next).call(() -> walk(ring, visits, expected, next, step, left - 1));
    }
    return null;
  }

  // ------------------------------------------------------------------ registry

  @Test
  void concurrentCreateCloseAndListAllStayConsistent() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    Thread lister =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    List<Interpreter> all = Interpreter.listAll();
                    if (all.isEmpty() || all.getFirst() != Interpreter.main()) {
                      problems.add("main is not first: " + all);
                    }
                    for (int i = 0; i < all.size(); i++) {
                      Interpreter it = all.get(i);
                      if (it == null) {
                        problems.add("null in listAll");
                      } else if (i > 0 && all.get(i - 1) != null && all.get(i - 1).id() >= it.id()) {
                        problems.add("not in creation order: " + all);
                      }
                    }
                  }
                });
    ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    List<Thread> creators =
        startAll(
            4,
            4,
            () -> {
              long last = -1;
              for (int i = 0; i < 100; i++) {
                try (Interpreter it = Interpreter.create()) {
                  if (it.id() <= last) {
                    problems.add("ids not increasing on one thread");
                  }
                  last = it.id();
                  ids.add(it.id());
                  if (!Interpreter.listAll().contains(it)) {
                    problems.add("a new interpreter is not listed");
                  }
                }
              }
            });
    joinAll(creators);
    done.set(true);
    lister.join();
    assertTrue(problems.isEmpty(), () -> problems.peek());
    Set<Long> distinct = new HashSet<>(ids);
    assertEquals(800, distinct.size(), "an id was handed out twice");
    for (Interpreter it : Interpreter.listAll()) {
      assertNotNull(it);
      assertFalse(distinct.contains(it.id()), "a closed interpreter is still listed");
    }
    assertSame(Interpreter.main(), Interpreter.listAll().getFirst());
  }
}
