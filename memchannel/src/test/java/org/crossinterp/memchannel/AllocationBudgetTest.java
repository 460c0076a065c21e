package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hot path's garbage (DESIGN.md §8, M4): bytes allocated per send→recv→release stay within
 * 256 and do not grow with the payload (zero-copy). Counted with the JVM's per-thread
 * allocation counter, so the result is exact, not timed.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AllocationBudgetTest {
  private static final long BUDGET = 256;
  private static final int WARMUP = 20_000;
  private static final int MEASURED = 50_000;

  @FunctionalInterface
  interface Op {
    void run() throws Exception;
  }

  /** {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, found reflectively. */
  private static final class Counter {
    private final Object bean;
    private final Method allocated;

    Counter() throws ReflectiveOperationException {
      bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      allocated =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getThreadAllocatedBytes", long.class);
    }

    long bytes() throws ReflectiveOperationException {
      return (long) allocated.invoke(bean, Thread.currentThread().threadId());
    }
  }

  private static Counter counter() {
    try {
      return new Counter();
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a JVM without com.sun.management's per-thread counter cannot measure this: skip
      throw new org.opentest4j.TestAbortedException(
          "no per-thread allocation counter in this JVM: " + e);
    }
  }

  private static long perOp(Counter c, Op op) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      op.run();
    }
    long before = c.bytes();
    for (int i = 0; i < MEASURED; i++) {
      op.run();
    }
    return (c.bytes() - before) / MEASURED;
  }

  private static void assertWithinBudget(String what, long perOp) {
    assertTrue(perOp <= BUDGET, what + " allocates " + perOp + " B per send→recv→release");
  }

  @Test
  void sendRecvReleaseStaysWithinBudgetWhateverThePayload() throws Exception {
    Counter c = counter();
    try (Interpreter x = Interpreter.create("alloc");
        Arena arena = Arena.ofShared()) {
      MemChannel ch = MemChannel.create();
      MemorySegment small = arena.allocate(64);
      MemorySegment large = arena.allocate(16 << 20);
      byte[] array = new byte[64];
      long[] results =
          x.call(
              () -> {
                try (SharedBuffer sb = SharedBuffer.allocate(64)) {
                  return new long[] {
                    perOp(c, () -> {
                      ch.send(small);
                      ch.recv().release();
                    }),
                    perOp(c, () -> {
                      ch.send(large);
                      ch.recv().release();
                    }),
                    perOp(c, () -> {
                      ch.send(sb);
                      ch.recv().release();
                    }),
                    perOp(c, () -> {
                      ch.send(array);
                      ch.recv().release();
                    })
                  };
                }
              });
      assertWithinBudget("a 64 B segment", results[0]);
      assertWithinBudget("a 16 MiB segment", results[1]);
      assertWithinBudget("a SharedBuffer", results[2]);
      assertWithinBudget("a byte[]", results[3]);
      assertTrue(
          results[1] <= results[0] + 16,
          "allocation grows with the payload: " + results[0] + " B vs " + results[1] + " B");
      assertNoLiveShares(x);
    }
  }
}
