package org.crossinterp.memchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.crossinterp.Interpreter;

/** Helpers shared by the memchannel tests: polling with deadlines, threads, a counting exporter. */
final class TestSupport {
  /** Generous: these waits end at once when the code is right, and only a bug makes them run out. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private TestSupport() {}

  /** Polls {@code condition} until true; fails with {@code what} (evaluated late) at the deadline. */
  static void await(Supplier<String> what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("timed out waiting: " + what.get());
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Like {@link #await} but runs the garbage collector between polls. */
  static void awaitGc(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("timed out waiting for the garbage collector: " + what.get());
      }
      System.gc();
      Thread.sleep(10);
    }
  }

  /** Waits until every interpreter's live shares are 0 (pending releases may still be running). */
  static void assertNoLiveShares(Interpreter... interpreters) {
    for (Interpreter i : interpreters) {
      await(() -> i + " still has " + i.liveShares() + " live share(s)", () -> i.liveShares() == 0);
    }
  }

  /** Sends {@code item} from inside {@code from}. */
  static void sendFrom(Interpreter from, MemChannel ch, Object item) throws Exception {
    from.call(
        () -> {
          ch.send(item);
          return null;
        });
  }

  /** Receives inside {@code in}. */
  static CrossInterpreterView recvIn(Interpreter in, MemChannel ch) throws Exception {
    return in.call(ch::recv);
  }

  /** Starts a platform thread running {@code task}; the future completes with its outcome. */
  static <T> Started<T> start(String name, Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .name(name)
            .daemon(true)
            .start(
                () -> {
                  try {
                    f.complete(task.call());
                  } catch (Throwable e) {
                    f.completeExceptionally(e);
                  }
                });
    return new Started<>(t, f);
  }

  /** A started thread and its outcome. */
  record Started<T>(Thread thread, CompletableFuture<T> result) {
    /** Waits until the thread parks (in a channel wait), failing if it finished instead. */
    Started<T> awaitParked() {
      await(
          () -> thread.getName() + " never parked; state " + thread.getState() + ", " + result,
          () -> {
            if (result.isDone()) {
              fail(thread.getName() + " finished instead of waiting: " + describe(result));
            }
            Thread.State s = thread.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
          });
      return this;
    }
  }

  /** Waits for {@code s} to finish and returns what it returned, failing if it threw. */
  static <T> T outcome(Started<T> s) throws Exception {
    try {
      return s.result().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(s.thread().getName() + " threw", e.getCause());
    }
  }

  /** Waits for {@code s} to finish and returns what it threw, failing unless of {@code type}. */
  static <X extends Throwable> X failure(Started<?> s, Class<X> type) throws Exception {
    try {
      Object v = s.result().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError(s.thread().getName() + " returned " + v + ", expected " + type);
    } catch (ExecutionException e) {
      if (!type.isInstance(e.getCause())) {
        throw new AssertionError("expected " + type + " from " + s.thread().getName(), e.getCause());
      }
      return type.cast(e.getCause());
    }
  }

  static String describe(CompletableFuture<?> f) {
    return f.handle((v, e) -> e == null ? "returned " + v : "threw " + e).getNow("not done");
  }

  /** Tags are little-endian, so that a tag below 128 is also the first byte. */
  static final ValueLayout.OfLong TAG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

  /** A native segment whose first 8 bytes hold {@code tag}. */
  static MemorySegment tagged(long tag, long size) {
    MemorySegment s = Arena.ofAuto().allocate(Math.max(size, 8), 8);
    s.set(TAG, 0, tag);
    return s;
  }

  static long tagOf(CrossInterpreterView v) {
    return v.segment().get(TAG, 0);
  }

  /**
   * A {@link BufferExporter} that counts and records every call and the interpreter it ran in,
   * and checks that each release matches an acquire.
   */
  static class CountingExporter implements BufferExporter {
    final MemorySegment memory;
    final AtomicInteger acquires = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    // Synchronized lists, not copy-on-write ones: some tests export one exporter 20 000 times.
    final List<Interpreter> acquiredIn = Collections.synchronizedList(new ArrayList<>());
    final List<Interpreter> releasedIn = Collections.synchronizedList(new ArrayList<>());
    final List<Thread> releaseThreads = Collections.synchronizedList(new ArrayList<>());
    final List<String> errors = new CopyOnWriteArrayList<>();

    CountingExporter(MemorySegment memory) {
      this.memory = memory;
    }

    CountingExporter(long tag) {
      this(tagged(tag, 16));
    }

    @Override
    public MemorySegment acquireExport() {
      acquiredIn.add(Interpreter.current());
      acquires.incrementAndGet();
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {
      releasedIn.add(Interpreter.current());
      releaseThreads.add(Thread.currentThread());
      if (exported != memory) {
        errors.add("released " + exported + " but exported " + memory);
      }
      if (releases.incrementAndGet() > acquires.get()) {
        errors.add("more releases than acquires");
      }
    }

    /** Asserts every acquire was released exactly once, without errors. */
    void assertBalanced() {
      assertEquals(List.of(), errors);
      await(
          () -> "releases " + releases + " != acquires " + acquires,
          () -> releases.get() == acquires.get());
    }
  }
}
