package org.crossinterp.reliability;

import static org.crossinterp.reliability.Ingredient.CLOSE_RACES;
import static org.crossinterp.reliability.Ingredient.DEDICATED_THREADS;
import static org.crossinterp.reliability.Ingredient.DEEP_RECURSION;
import static org.crossinterp.reliability.Ingredient.HOOKS;
import static org.crossinterp.reliability.Ingredient.INTERRUPTS;
import static org.crossinterp.reliability.Ingredient.RECV_CLASS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;

/**
 * One stress run: {@value #THREADS} threads take random steps over {@value #SLOTS} interpreter
 * slots until a deadline (the base traffic of {@link StressTraffic}, nested cross-calls,
 * interpreters replaced under load, plus the {@link Ingredient}s of its mix). Then it checks
 * that nothing hung (every wait is bounded by a {@link StressWatchdog}), no interpreter ever had
 * two threads inside, no item was lost or duplicated, every export was released once, and
 * every {@code liveShares()} is 0, before and after every interpreter is closed.
 */
final class StressRun {
  private static final int SLOTS = 6;
  private static final int THREADS = 8;
  /** How long the end of the run may take once it should have ended; past it, it hangs. */
  private static final Duration GRACE = Duration.ofSeconds(15);
  /**
   * How long a stress thread may take to finish its last step: longer than the bounds of the
   * steps' own watchdogs (a close race has three), so those report first, and more precisely.
   */
  private static final Duration LAST_STEP = Duration.ofSeconds(40);

  final StressProblems problems = new StressProblems();
  private final Set<Ingredient> mix;
  private final Duration duration;
  private final AtomicReferenceArray<Interpreter> slots = new AtomicReferenceArray<>(SLOTS);
  private final List<Interpreter> everCreated = new ArrayList<>();
  private final Set<Interpreter> dedicatedOnes = ConcurrentHashMap.newKeySet();
  /** Threads inside each interpreter, as seen by {@link #touch}: never more than 1. */
  private final ConcurrentHashMap<Interpreter, AtomicInteger> inside = new ConcurrentHashMap<>();
  private final AtomicInteger generation = new AtomicInteger();
  private final StressLedger ledger = new StressLedger(problems);
  private final StressTraffic traffic = new StressTraffic(ledger, problems);
  private final NestingHooks hooks = new NestingHooks(problems);
  private final List<Thread> workers = new ArrayList<>();
  private final StressInterrupts interrupts = new StressInterrupts(workers, this::dedicatedSlots);
  private final CloseRace closeRace = new CloseRace(this);
  private final DeepRecursion deepRecursion = new DeepRecursion(this);
  /** Interpreters a hang was reported for: the end of the run does not wait for them again. */
  private final Set<Interpreter> abandoned = ConcurrentHashMap.newKeySet();
  /** Ingredients that hung once: taken out of the mix, so the rest of the run still tells. */
  private final Set<Ingredient> broken = ConcurrentHashMap.newKeySet();
  private final LongAdder steps = new LongAdder();
  private final LongAdder races = new LongAdder();

  StressRun(Set<Ingredient> mix, Duration duration) {
    this.mix = mix.isEmpty() ? EnumSet.noneOf(Ingredient.class) : EnumSet.copyOf(mix);
    this.duration = duration;
  }

  private boolean has(Ingredient i) {
    return mix.contains(i);
  }

  /** Whether a step may use {@code i}: in the mix, and not hung before. */
  private boolean uses(Ingredient i) {
    return mix.contains(i) && !broken.contains(i);
  }

  /**
   * Reports a hang of {@code ingredient} (the watchdog's message, with its thread dump) and
   * leaves the interpreters involved alone from now on.
   */
  void hung(Ingredient ingredient, StressWatchdog.Hang watchdog, Interpreter... involved) {
    if (broken.add(ingredient)) {
      problems.report(ingredient + " hung, and was left out for the rest of the run", watchdog);
    }
    abandoned.addAll(List.of(involved));
  }

  // ------------------------------------------------------------------ interpreters

  /**
   * Even slots run on a dedicated thread when the mix has them; slot 0 does when it has
   * interrupts, so that there is a dedicated thread to interrupt.
   */
  private boolean dedicatedSlot(int s) {
    return has(DEDICATED_THREADS) && s % 2 == 0 || has(INTERRUPTS) && s == 0;
  }

  /** Two slots in three have hooks when the mix has them (so some are dedicated and hooked). */
  private boolean hookedSlot(int s) {
    return has(HOOKS) && s % 3 != 2;
  }

  boolean maybeDedicated(ThreadLocalRandom r) {
    return has(DEDICATED_THREADS) && r.nextBoolean();
  }

  boolean maybeHooked(ThreadLocalRandom r) {
    return has(HOOKS) && r.nextBoolean();
  }

  /**
   * A new interpreter with a unique name (dedicated threads are found by it), checked at the
   * end.
   */
  Interpreter fresh(String kind, boolean dedicated, boolean hooked) {
    String name =
        kind + "-" + generation.incrementAndGet() + (dedicated ? "-dedicated" : "")
            + (hooked ? "-hooked" : "");
    Interpreter.Builder b = Interpreter.builder().name(name).dedicatedThread(dedicated);
    if (hooked) {
      b = hooks.install(b, name);
    }
    Interpreter i = b.build();
    if (dedicated) {
      dedicatedOnes.add(i);
    }
    inside.put(i, new AtomicInteger());
    synchronized (everCreated) {
      everCreated.add(i);
    }
    return i;
  }

  private List<Interpreter> dedicatedSlots() {
    List<Interpreter> out = new ArrayList<>();
    for (int s = 0; s < SLOTS; s++) {
      if (dedicatedSlot(s)) {
        out.add(slots.get(s));
      }
    }
    return out;
  }

  /**
   * Runs inside {@code i}: checks that it is the current interpreter and that no other thread
   * is inside it meanwhile (an atomic count: a plain flag set by two threads at once can miss
   * the overlap).
   */
  Object touch(Interpreter i) {
    if (Interpreter.current() != i) {
      problems.report("a task of " + i.name() + " ran in " + Interpreter.current().name());
    }
    AtomicInteger n = inside.get(i);
    int now = n.incrementAndGet();
    if (now > 1) {
      problems.report(now + " threads inside " + i.name() + " at once");
    }
    Thread.onSpinWait();
    n.decrementAndGet();
    return null;
  }

  // ------------------------------------------------------------------ the run

  void run() throws Exception {
    for (int s = 0; s < SLOTS; s++) {
      slots.set(s, fresh("slot" + s, dedicatedSlot(s), hookedSlot(s)));
    }
    long deadline = System.nanoTime() + duration.toNanos();
    synchronized (workers) {
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            Thread.ofPlatform().daemon(true).name("stress-" + t).unstarted(() -> work(deadline)));
      }
    }
    workers.forEach(Thread::start);
    try {
      awaitDeadline(deadline);
      traffic.closeSend(); // frees receivers that wait without a bound in recv(Class)
      StressWatchdog.joinAll(workers, LAST_STEP, "stress threads after the deadline");
      StressWatchdog.run(GRACE, "draining the channels", traffic::drain);
      awaitNoShares();
      checkShares("once everything received was released or collected");
      StressWatchdog.run(GRACE, "closing every interpreter", this::closeAll);
      checkShares("after every interpreter was closed");
    } catch (AssertionError hang) {
      reportLostDedicatedThreads();
      throw problems.withEarlier(hang);
    }
    traffic.checkExports();
    ledger.checkNothingLost();
    if (has(HOOKS) && hooks.enters() == 0) {
      problems.report("the hooks never ran");
    }
    System.out.println(summary());
    problems.check();
  }

  /**
   * Names the open dedicated-thread interpreters whose thread is gone: every call into them
   * waits forever (the usual cause of a hang here, after an interrupt ended the thread).
   */
  private void reportLostDedicatedThreads() {
    for (Interpreter i : dedicatedOnes) {
      if (!i.isClosed() && StressInterrupts.dedicatedThreadNamed(i) == null) {
        problems.report(
            "the dedicated thread of the open " + i.name() + " is gone: its calls never run");
      }
    }
  }

  private void awaitDeadline(long deadline) {
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }

  private void work(long deadline) {
    while (System.nanoTime() < deadline) {
      try {
        step();
      } catch (InterpreterClosedException | ChannelClosedException expected) {
        // an interpreter was replaced or a channel closed under us: carry on
      } catch (InterruptedException e) {
        if (!has(INTERRUPTS)) {
          problems.report("interrupted, although nothing interrupts", e);
        }
      } catch (Throwable e) {
        problems.report("a step failed", e);
      }
      hooks.checkLeftEverything();
      steps.increment();
    }
  }

  private void step() throws Exception {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Interpreter x = slots.get(r.nextInt(SLOTS));
    Interpreter y = slots.get(r.nextInt(SLOTS));
    switch (r.nextInt(20)) {
      case 0, 1, 2 -> nestedCalls(x, y);
      case 3, 4 -> traffic.sendBuffer(x);
      case 5 -> traffic.sendText(x);
      case 6, 7 -> traffic.sendTicket(x);
      case 8 -> traffic.sendString(x);
      case 9, 10 -> traffic.recvBuffer(y);
      case 11, 12 -> traffic.recvObject(y);
      case 13 -> {
        if (uses(RECV_CLASS)) {
          traffic.recvAs(y, r.nextBoolean() ? StressTicket.class : String.class);
        } else {
          traffic.recvObject(y);
        }
      }
      case 14 -> {
        if (uses(INTERRUPTS) && r.nextInt(4) == 0) {
          interrupts.interruptOne();
        } else {
          nestedCalls(x, y);
        }
      }
      case 15 -> {
        if (uses(CLOSE_RACES) && r.nextInt(40) == 0) {
          races.increment();
          closeRace.race();
        } else {
          nestedCalls(x, y);
        }
      }
      case 16 -> {
        if (uses(DEEP_RECURSION) && r.nextInt(100) == 0) {
          deepRecursion.recurse();
        } else {
          nestedCalls(x, y);
        }
      }
      default -> {
        if (r.nextInt(50) == 0) {
          replace(r.nextInt(SLOTS));
        }
      }
    }
  }

  /** x -> y -> x, touching each inside. */
  private void nestedCalls(Interpreter x, Interpreter y) throws Exception {
    x.call(
        () -> {
          touch(x);
          return y.call(
              () -> {
                touch(y);
                return x.call(() -> touch(x));
              });
        });
  }

  /** Closes a slot's interpreter under load (others may be calling into it) and refills it. */
  private void replace(int s) {
    Interpreter old = slots.getAndSet(s, fresh("slot" + s, dedicatedSlot(s), hookedSlot(s)));
    old.close();
  }

  // ------------------------------------------------------------------ the end

  /** Every interpreter of the run, and main; not those a hang was reported for already. */
  private List<Interpreter> everyInterpreter() {
    List<Interpreter> all;
    synchronized (everCreated) {
      all = new ArrayList<>(everCreated);
    }
    all.removeAll(abandoned);
    all.add(Interpreter.main());
    return all;
  }

  /**
   * Waits, within a bound, until nothing is shared; views and proxies dropped on purpose need the
   * collector.
   */
  private void awaitNoShares() throws InterruptedException {
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (!everyInterpreter().stream().allMatch(i -> i.liveShares() == 0)
        && System.nanoTime() < deadline) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private void closeAll() {
    for (Interpreter i : everyInterpreter()) {
      if (i != Interpreter.main()) {
        i.close();
      }
    }
  }

  private void checkShares(String when) {
    for (Interpreter i : everyInterpreter()) {
      if (i.liveShares() != 0) {
        problems.report(i + " has " + i.liveShares() + " live shares " + when + " (leak)");
      }
    }
  }

  private String summary() {
    return String.format(
        "stress %s for %s: %d steps, %d items, recv(Class) %d right / %d refused, %d interrupts,"
            + " %d close races, %d stack overflows, %d hooked entries, %d interpreters",
        mix,
        duration,
        steps.sum(),
        ledger.issued(),
        traffic.rightType.sum(),
        traffic.wrongType.sum(),
        interrupts.sent.sum(),
        races.sum(),
        deepRecursion.overflows.sum(),
        hooks.enters(),
        everyInterpreter().size() - 1,
        broken);
  }
}
