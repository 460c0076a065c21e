package org.crossinterp.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.objchannel.Shareables;
import org.crossinterp.objchannel.Sharer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults (issue 7): exporters, sharers and proxied methods that throw, an interpreter closed in
 * the middle of a call into it, interrupted waits, and out-of-memory-like failures while a view
 * is made. After each, the channel and the interpreters stay usable, the error reaches the
 * caller with its cause, and no share is leaked.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultInjectionTest {
  private final List<Interpreter> interpreters = new ArrayList<>();

  private Interpreter interp(String name) {
    Interpreter i = Interpreter.create(name);
    interpreters.add(i);
    return i;
  }

  @AfterEach
  void noLeaks() throws InterruptedException {
    for (Interpreter i : interpreters) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (i.liveShares() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(0, i.liveShares(), "leak in " + i);
      i.close();
    }
  }

  /** An exporter over shared memory that fails on demand. */
  static final class FlakyExporter implements BufferExporter {
    final Arena arena = Arena.ofShared();
    final MemorySegment memory = arena.allocate(64);
    final AtomicInteger acquires = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    volatile Throwable failAcquire;
    volatile RuntimeException failRelease;

    @Override
    public MemorySegment acquireExport() {
      Throwable t = failAcquire;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      acquires.incrementAndGet();
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {
      releases.incrementAndGet();
      RuntimeException r = failRelease;
      if (r != null) {
        throw r;
      }
    }
  }

  @Test
  void exporterFailingInAcquireLeavesTheChannelUsable() throws Exception {
    Interpreter a = interp("a");
    MemChannel ch = MemChannel.create();
    FlakyExporter e = new FlakyExporter();
    e.failAcquire = new IllegalStateException("disk on fire");
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> a.call(() -> {
          ch.send(e);
          return null;
        }));
    assertEquals("disk on fire", thrown.getMessage());
    assertEquals(0, ch.size());
    e.failAcquire = null;
    a.call(() -> {
      ch.send(e);
      return null;
    });
    ch.recv().release();
    assertEquals(1, e.acquires.get());
    assertEquals(1, e.releases.get());
  }

  @Test
  void outOfMemoryWhileExportingReachesTheCallerAndLeaksNothing() throws Exception {
    Interpreter a = interp("a");
    MemChannel ch = MemChannel.create();
    FlakyExporter e = new FlakyExporter();
    e.failAcquire = new OutOfMemoryError("simulated: no memory for the view");
    assertThrows(OutOfMemoryError.class, () -> a.call(() -> {
      ch.send(e);
      return null;
    }));
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares());
    e.failAcquire = null;
    a.call(() -> {
      ch.send(new byte[] {1});
      return null;
    });
    try (CrossInterpreterView v = ch.recv()) {
      assertEquals(1, v.segment().get(ValueLayout.JAVA_BYTE, 0));
    }
  }

  @Test
  void exporterFailingInReleaseStillEndsTheExport() throws Exception {
    Interpreter a = interp("a");
    MemChannel ch = MemChannel.create();
    FlakyExporter e = new FlakyExporter();
    e.failRelease = new IllegalStateException("release failed");
    a.call(() -> {
      ch.send(e);
      ch.send(e);
      return null;
    });
    // the release runs later, in the origin, on the releasing thread: its failure cannot reach
    // a caller, so it goes to that thread's uncaught-exception handler
    java.util.List<Throwable> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread releaser =
        Thread.ofPlatform()
            .uncaughtExceptionHandler((t, x) -> reported.add(x))
            .start(
                () -> {
                  try {
                    ch.recv().release();
                    ch.recv().release();
                  } catch (InterruptedException x) {
                    throw new AssertionError(x);
                  }
                });
    releaser.join(10_000);
    assertEquals(2, e.releases.get(), "each export released exactly once despite failures");
    assertEquals(2, reported.size(), () -> "each failure reported once: " + reported);
    assertTrue(reported.stream().allMatch(x -> x == e.failRelease), () -> "the very failure: " + reported);
    assertEquals(0, a.liveShares(), "the shares are uncounted all the same");
  }

  static final class Box {
    int value;

    Box(int value) {
      this.value = value;
    }
  }

  @Test
  void sharerFailingInShareSendsNothing() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create();
    Shareables.register(Box.class, new Sharer<>() {
      @Override
      public Object share(Box value) {
        throw new IllegalArgumentException("cannot share " + value.value);
      }

      @Override
      public Box unshare(Object data) {
        return new Box((Integer) data);
      }
    });
    try {
      assertThrows(IllegalArgumentException.class, () -> a.call(() -> {
        ch.send(new Box(3));
        return null;
      }));
      assertEquals(0, ch.size());
      a.call(() -> {
        ch.send("still works");
        return null;
      });
      assertEquals("still works", ch.recv());
    } finally {
      Shareables.unregister(Box.class);
    }
  }

  @Test
  void sharerFailingInUnshareConsumesTheItemAndReportsTheCause() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    Shareables.register(Box.class, new Sharer<>() {
      @Override
      public Object share(Box value) {
        return value.value;
      }

      @Override
      public Box unshare(Object data) {
        throw new IllegalStateException("corrupt " + data);
      }
    });
    try {
      a.call(() -> {
        ch.send(new Box(5));
        ch.send("next");
        return null;
      });
      IllegalStateException failed =
          assertThrows(IllegalStateException.class, () -> b.call(ch::recv));
      assertEquals("corrupt 5", failed.getMessage());
      assertEquals("next", b.call(ch::recv), "the channel goes on with the next item");
    } finally {
      Shareables.unregister(Box.class);
    }
  }

  @Test
  void proxiedMethodThatThrowsKeepsItsTypeAndTheProxyWorks() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    AtomicInteger calls = new AtomicInteger();
    IntSupplier flaky = () -> {
      if (calls.incrementAndGet() == 1) {
        throw new ArithmeticException("first call fails");
      }
      return 42;
    };
    a.call(() -> {
      ch.send(flaky);
      return null;
    });
    b.call(() -> {
      IntSupplier p = ch.recv(IntSupplier.class);
      assertThrows(ArithmeticException.class, p::getAsInt);
      assertEquals(42, p.getAsInt());
      Proxies.release(p);
      return null;
    });
  }

  @Test
  void interpreterClosedDuringACallIntoItFinishesThatCallThenRefuses() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    IntSupplier slow = () -> {
      inCall.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 7;
    };
    a.call(() -> {
      ch.send(slow);
      return null;
    });
    IntSupplier p = b.call(() -> ch.recv(IntSupplier.class));
    CompletableFuture<Integer> call = b.submit(p::getAsInt);
    inCall.await();
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Thread closer = Thread.ofPlatform().name("closer").start(() -> {
      try {
        a.close();
        closing.complete(null);
      } catch (Throwable t) {
        closing.completeExceptionally(t);
      }
    });
    awaitParkedIn(closer, "Interpreter.close");
    // Parked in close; it cannot finish on its own while the call is held: the grace period
    // only gives a close that stops waiting for the thread inside the chance to show.
    Thread.sleep(50);
    assertFalse(closing.isDone(), "close waits for the thread inside");
    release.countDown();
    assertEquals(7, call.get(10, TimeUnit.SECONDS));
    closing.get(10, TimeUnit.SECONDS);
    ExecutionException after =
        assertThrows(ExecutionException.class, () -> b.submit(p::getAsInt).get(10, TimeUnit.SECONDS));
    assertInstanceOf(InterpreterClosedException.class, after.getCause());
    b.call(() -> {
      Proxies.release(p);
      return null;
    });
  }

  @Test
  void interruptedSendAndRecvLoseAndDuplicateNothing() throws Exception {
    Interpreter a = interp("a");
    MemChannel full = MemChannel.create(1);
    a.call(() -> {
      full.send(new byte[] {1});
      return null;
    });
    java.util.concurrent.atomic.AtomicReference<Exception> outcome =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread sender = Thread.ofPlatform().start(() -> {
      try {
        a.call(() -> {
          full.send(new byte[] {2});
          return null;
        });
      } catch (Exception e) {
        outcome.set(e);
      }
    });
    awaitParkedIn(sender, "MemChannel.send", CHANNEL_WAIT); // interrupt the wait, not the way in
    sender.interrupt();
    sender.join(10_000);
    assertInstanceOf(InterruptedException.class, outcome.get(), "the send reports the interrupt");
    assertEquals(1, full.size(), "the interrupted send left nothing behind");
    try (CrossInterpreterView v = full.recv()) {
      assertEquals(1, v.segment().get(ValueLayout.JAVA_BYTE, 0));
    }
    assertNull(full.tryRecv(), "nothing duplicated");

    MemChannel empty = MemChannel.create();
    Thread receiver = Thread.ofPlatform().start(() -> {
      try {
        empty.recv();
      } catch (InterruptedException expected) {
        // nothing consumed
      }
    });
    awaitParkedIn(receiver, "MemChannel.recv", CHANNEL_WAIT);
    receiver.interrupt();
    receiver.join(10_000);
    a.call(() -> {
      empty.send(new byte[] {3});
      return null;
    });
    try (CrossInterpreterView v = empty.recv(Duration.ofSeconds(5))) {
      assertEquals(3, v.segment().get(ValueLayout.JAVA_BYTE, 0), "the next item was not taken");
    }
  }

  /** The frame every channel wait parks in. */
  private static final String CHANNEL_WAIT = "Waiter.awaitWoken";

  /**
   * Waits until {@code t} is parked (WAITING or TIMED_WAITING) with every one of {@code frames}
   * ({@code "SimpleClassName.method"}) on its stack; fails if it ends first, or after a generous
   * deadline (a watchdog within the test's timeout, not a timing assertion).
   */
  private static void awaitParkedIn(Thread t, String... frames) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!isParkedIn(t, frames)) {
      if (!t.isAlive()) {
        throw new AssertionError(t.getName() + " ended instead of waiting in " + List.of(frames));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(t.getName() + " never parked in " + List.of(frames) + "; it is "
            + t.getState() + " at " + List.of(t.getStackTrace()));
      }
      Thread.sleep(1);
    }
  }

  private static boolean isParkedIn(Thread t, String... frames) {
    if (!isParked(t.getState())) {
      return false;
    }
    StackTraceElement[] stack = t.getStackTrace();
    if (!isParked(t.getState())) {
      return false; // it moved while its stack was taken
    }
    for (String frame : frames) {
      int dot = frame.lastIndexOf('.');
      String type = frame.substring(0, dot);
      String method = frame.substring(dot + 1);
      boolean found = false;
      for (StackTraceElement e : stack) {
        found |= e.getMethodName().equals(method) && e.getClassName().endsWith("." + type);
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean isParked(Thread.State s) {
    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  @Test
  void throwingTaskLeavesTheInterpreterUsable() throws Exception {
    Interpreter a = interp("a");
    RuntimeException boom = new RuntimeException("boom");
    assertSame(boom, assertThrows(RuntimeException.class, () -> a.run(() -> {
      throw boom;
    })));
    assertTrue(a.call(() -> Interpreter.current() == a));
  }
}
