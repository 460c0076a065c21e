package org.crossinterp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.strview.StrView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Everything at once, for a while: many interpreters (one with a dedicated thread) and threads,
 * random nested cross-calls, random sends of buffers, strings and objects, random releases,
 * views and proxies left to the garbage collector, and interpreters closed and replaced under
 * load. At the end every {@code liveShares()} is 0, every exporter saw exactly one release per
 * acquire, every item sent was received exactly once, nothing deadlocked (a watchdog fails the
 * run) and no interpreter ever had two threads inside.
 *
 * <p>The default build runs it for a few seconds; {@code mvn -Pstress verify} for {@code
 * stress.minutes} minutes.
 */
public class StressTest {
  private static final int SLOTS = 6;
  private static final int THREADS = 8;

  @Test
  void shortRun() throws Exception {
    run(Duration.ofSeconds(8));
  }

  @Test
  @Tag("stress")
  void longRun() throws Exception {
    run(Duration.ofMinutes(Long.getLong("stress.minutes", 5)));
  }

  /** An interpreter's own state, touched only from inside it. */
  static final class Guarded {
    int counter;
    boolean inside;
  }

  /** Counts acquires and releases of one send. */
  static final class CountedExporter implements BufferExporter {
    static final Arena ARENA = Arena.ofShared();
    final MemorySegment memory;
    final AtomicInteger acquires = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();

    CountedExporter(long id) {
      memory = ARENA.allocate(16);
      memory.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, id);
    }

    @Override
    public MemorySegment acquireExport() {
      acquires.incrementAndGet();
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {
      releases.incrementAndGet();
    }
  }

  /** A mutable object sent as a proxy. */
  public interface Ticket extends IntSupplier {}

  private final AtomicReferenceArray<Interpreter> slots = new AtomicReferenceArray<>(SLOTS);
  private final List<Interpreter> everCreated = new ArrayList<>();
  private final ConcurrentHashMap<Interpreter, Guarded> guards = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, AtomicInteger> received = new ConcurrentHashMap<>();
  private final List<CountedExporter> exporters = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();
  /** Proxies received after their owner closed: delivered, but their id cannot be read. */
  private final AtomicInteger ownerClosed = new AtomicInteger();

  private Interpreter fresh(int slot) {
    Interpreter i =
        slot == 0
            ? Interpreter.builder().name("dedicated").dedicatedThread(true).build()
            : Interpreter.create("slot-" + slot);
    guards.put(i, new Guarded());
    synchronized (everCreated) {
      everCreated.add(i);
    }
    return i;
  }

  private void run(Duration duration) throws Exception {
    for (int s = 0; s < SLOTS; s++) {
      slots.set(s, fresh(s));
    }
    MemChannel buffers = MemChannel.create(8);
    ObjChannel objects = ObjChannel.create(8);
    long deadline = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < THREADS; t++) {
      threads.add(Thread.ofPlatform().name("stress-" + t).start(() -> {
        try {
          while (System.nanoTime() < deadline) {
            step(buffers, objects);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    long watchdog = deadline + TimeUnit.SECONDS.toNanos(60);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(watchdog - System.nanoTime())));
      assertTrue(!t.isAlive(), "watchdog: " + t.getName() + " is stuck (deadlock?)");
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("a stress thread failed", failures.get(0));
    }
    for (CrossInterpreterView v : buffers.closeNow()) {
      receive(v);
    }
    for (Object o : objects.closeNow()) {
      receiveObject(o);
    }
    assertEquals(0, overlaps.get(), "two threads were inside one interpreter");
    assertEquals(0, lost.get(), "an item was delivered twice");
    for (int round = 0; round < 100 && !settled(); round++) {
      System.gc();
      Thread.sleep(20);
    }
    for (Interpreter i : everCreated) {
      assertEquals(0, i.liveShares(), "leak in " + i);
    }
    synchronized (exporters) {
      for (CountedExporter e : exporters) {
        assertEquals(e.acquires.get(), e.releases.get(), "an export was not released exactly once");
      }
    }
    long sent = ids.get();
    assertEquals(sent, received.size() + ownerClosed.get(), "items lost");
    for (int s = 0; s < SLOTS; s++) {
      slots.get(s).close();
    }
  }

  private boolean settled() {
    for (Interpreter i : everCreated) {
      if (i.liveShares() != 0) {
        return false;
      }
    }
    return true;
  }

  private void step(MemChannel buffers, ObjChannel objects) throws Exception {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    Interpreter x = slots.get(r.nextInt(SLOTS));
    Interpreter y = slots.get(r.nextInt(SLOTS));
    try {
      switch (r.nextInt(10)) {
        case 0, 1 -> x.call(() -> y.call(() -> {
          touch(y);
          return x.call(() -> touch(x));
        }));
        case 2 -> x.call(() -> {
          long id = ids.getAndIncrement();
          CountedExporter e = new CountedExporter(id);
          synchronized (exporters) {
            exporters.add(e);
          }
          if (!buffers.send(e, Duration.ofMillis(5))) {
            received.put(id, new AtomicInteger(1)); // withdrawn: the sender kept it
          }
          return null;
        });
        case 3 -> x.call(() -> {
          long id = ids.getAndIncrement();
          if (!buffers.send(StrView.encode(Long.toString(id)), Duration.ofMillis(5))) {
            received.put(id, new AtomicInteger(1));
          }
          return null;
        });
        case 4 -> x.call(() -> {
          long id = ids.getAndIncrement();
          int[] calls = new int[1];
          Ticket ticket = () -> {
            calls[0]++;
            return (int) id;
          };
          if (!objects.send(ticket, Duration.ofMillis(5))) {
            received.put(id, new AtomicInteger(1));
          }
          return null;
        });
        case 5, 6 -> y.call(() -> {
          CrossInterpreterView v = buffers.recv(Duration.ofMillis(2));
          if (v != null) {
            receive(v);
          }
          return null;
        });
        case 7, 8 -> y.call(() -> {
          Object o = objects.recv(Duration.ofMillis(2));
          if (o != null) {
            receiveObject(o);
          }
          return null;
        });
        default -> {
          if (r.nextInt(50) == 0) {
            int slot = 1 + r.nextInt(SLOTS - 1);
            Interpreter old = slots.getAndSet(slot, fresh(slot));
            old.close();
          }
        }
      }
    } catch (InterpreterClosedException | ChannelClosedException expected) {
      // an interpreter was replaced under us: carry on
    }
  }

  private Object touch(Interpreter i) {
    Guarded g = guards.get(i);
    if (g.inside) {
      overlaps.incrementAndGet();
    }
    g.inside = true;
    g.counter++;
    Thread.onSpinWait();
    g.inside = false;
    return null;
  }

  private void receive(CrossInterpreterView v) {
    long id;
    if ("B".equals(v.format())) {
      id = v.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
      record(id);
      if (ThreadLocalRandom.current().nextInt(10) == 0) {
        return; // dropped: the garbage collector releases it
      }
      v.release();
    } else {
      try (StrView s = StrView.of(v)) {
        record(Long.parseLong(s.toString()));
      }
    }
  }

  private void receiveObject(Object o) {
    Ticket t = (Ticket) o;
    try {
      record(t.getAsInt());
    } catch (InterpreterClosedException ownerGone) {
      // UnboundPolicy.DELIVER: the proxy arrives and throws when called
      ownerClosed.incrementAndGet();
      Proxies.release(t);
      return;
    }
    if (Proxies.isProxy(t) && ThreadLocalRandom.current().nextInt(10) != 0) {
      Proxies.release(t);
    }
  }

  private void record(long id) {
    if (received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1) {
      lost.incrementAndGet();
    }
  }
}
