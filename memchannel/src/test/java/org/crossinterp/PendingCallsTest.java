package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.InterpreterTestSupport.awaitTrue;
import static org.crossinterp.InterpreterTestSupport.domainOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.InterpreterTestSupport.ReportingThread;
import org.crossinterp.internal.interp.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pending calls ({@link Domain#runPending}, CPython's {@code Py_AddPendingCall}): run at once when
 * the interpreter's lock is free, otherwise by the lock holder before it lets go.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PendingCallsTest {

  @Test
  void runsAtOnceOnTheCallingThreadWhenTheLockIsFree() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Domain d = domainOf(a);
      AtomicReference<Thread> thread = new AtomicReference<>();
      AtomicReference<Interpreter> where = new AtomicReference<>();
      d.runPending(
          () -> {
            thread.set(Thread.currentThread());
            where.set(Interpreter.current());
          });
      assertSame(Thread.currentThread(), thread.get(), "did not run at once on the caller");
      assertSame(a, where.get());
      assertSame(Interpreter.main(), Interpreter.current());
      assertNoLeaks(a);
    }
  }

  @Test
  void fromInsideTheSameInterpreterRunsAtOnce() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Domain d = domainOf(a);
      List<String> order = new ArrayList<>();
      a.run(
          () -> {
            order.add("before");
            d.runPending(() -> order.add("pending in " + Interpreter.current().name()));
            order.add("after");
          });
      assertEquals(List.of("before", "pending in " + a.name(), "after"), order);
    }
  }

  @Test
  void fromInsideAnotherInterpreterRunsAtOnceInTheTarget() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      Domain d = domainOf(a);
      List<Interpreter> trace =
          b.call(
              () -> {
                List<Interpreter> t = new ArrayList<>();
                d.runPending(() -> t.add(Interpreter.current()));
                t.add(Interpreter.current());
                return t;
              });
      assertEquals(List.of(a, b), trace);
      assertNoLeaks(a, b);
    }
  }

  @Test
  void whenTheLockIsHeldTheHolderRunsThePendingCallBeforeItLeaves() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Domain d = domainOf(a);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicReference<Thread> holder = new AtomicReference<>();
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      AtomicReference<Interpreter> ranIn = new AtomicReference<>();
      AtomicBoolean ranBeforeHolderReturned = new AtomicBoolean();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    holder.set(Thread.currentThread());
                    a.run(
                        () -> {
                          inside.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                        });
                    ranBeforeHolderReturned.set(ranOn.get() != null);
                  });
      inside.await();
      d.runPending(
          () -> {
            ranOn.set(Thread.currentThread());
            ranIn.set(Interpreter.current());
          });
      assertEquals(null, ranOn.get(), "ran although another thread holds the lock");
      release.countDown();
      t.join();
      assertTrue(ranBeforeHolderReturned.get(), "the holder left without draining");
      assertSame(holder.get(), ranOn.get());
      assertSame(a, ranIn.get());
      assertNoLeaks(a);
    }
  }

  @Test
  void theHolderRunsPendingCallsBeforeSwitchingOutToANestedCall() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      Domain d = domainOf(a);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch enqueued = new CountDownLatch(1);
      AtomicBoolean ran = new AtomicBoolean();
      AtomicBoolean seenInB = new AtomicBoolean();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () ->
                      a.run(
                          () -> {
                            inside.countDown();
                            try {
                              enqueued.await();
                            } catch (InterruptedException e) {
                              throw new IllegalStateException(e);
                            }
                            b.run(() -> seenInB.set(ran.get()));
                          }));
      inside.await();
      d.runPending(() -> ran.set(true));
      enqueued.countDown();
      t.join();
      assertTrue(seenInB.get(), "the pending call had not run when the holder switched out");
      assertNoLeaks(a, b);
    }
  }

  @Test
  void aThreadWaitingInBlockingDoesNotHoldUpPendingCalls() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Domain d = domainOf(a);
      CountDownLatch aboutToBlock = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread t =
          Thread.ofPlatform()
              .start(
                  () ->
                      unchecked(
                          () ->
                              a.call(
                                  () -> {
                                    aboutToBlock.countDown();
                                    return Domain.blocking(
                                        () -> {
                                          release.await();
                                          return null;
                                        });
                                  })));
      aboutToBlock.await();
      AtomicBoolean ran = new AtomicBoolean();
      d.runPending(() -> ran.set(true));
      awaitTrue(ran::get); // would hang if the waiting thread kept the lock
      release.countDown();
      t.join();
      assertNoLeaks(a);
    }
  }

  @Test
  void aFailingPendingCallIsReportedAndTheOthersStillRun() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Domain d = domainOf(a);
      IllegalStateException failure = new IllegalStateException("release failed");
      AtomicInteger ran = new AtomicInteger();
      // lock free: runs on the caller, failure to the caller's handler
      ReportingThread caller =
          new ReportingThread(
              () -> {
                d.runPending(
                    () -> {
                      throw failure;
                    });
                d.runPending(ran::incrementAndGet);
                return null;
              });
      caller.runToEnd();
      assertEquals(List.of(failure), caller.reported);
      assertEquals(1, ran.get());

      // lock held: drained by the holder, failure to the holder's handler
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      ReportingThread holder =
          new ReportingThread(
              () -> {
                a.run(
                    () -> {
                      inside.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                    });
                return null;
              });
      Thread h = Thread.ofVirtual().start(() -> {
        try {
          holder.runToEnd();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      inside.await();
      d.runPending(
          () -> {
            throw failure;
          });
      d.runPending(ran::incrementAndGet);
      release.countDown();
      h.join();
      assertEquals(List.of(failure), holder.reported);
      assertEquals(2, ran.get());
      assertNoLeaks(a);
    }
  }

  @Test
  void pendingCallsStillRunAfterClose() throws Exception {
    Interpreter a = Interpreter.create();
    Domain d = domainOf(a);
    a.close();
    AtomicReference<Interpreter> where = new AtomicReference<>();
    d.runPending(() -> where.set(Interpreter.current()));
    assertSame(a, where.get(), "a release for a closed interpreter was lost");
  }

  @Test
  void aNestedCallFromAPendingCallGivesBackTheCallersLock() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    try (Interpreter a =
            Interpreter.builder()
                .name("a")
                .onEnter(() -> events.add("enter a"))
                .onLeave(() -> events.add("leave a"))
                .build();
        Interpreter x = Interpreter.create("x");
        Interpreter y = Interpreter.create("y")) {
      Domain dx = domainOf(x);
      AtomicReference<String> result = new AtomicReference<>();
      Interpreter after =
          a.call(
              () -> {
                // x is free: this thread runs the pending call while it still holds a's lock.
                // The call into y must give a's lock back, or the other thread cannot enter a.
                dx.runPending(
                    () ->
                        result.set(
                            unchecked(
                                () ->
                                    y.call(
                                        () ->
                                            a.submit(() -> "entered a")
                                                .get(30, TimeUnit.SECONDS)))));
                return Interpreter.current();
              });
      assertEquals("entered a", result.get());
      assertSame(a, after);
      assertHooksPaired(events);
      assertNoLeaks(a, x, y);
    }
  }

  @Test
  void aBlockingWaitInAPendingCallGivesBackTheCallersLock() throws Exception {
    try (Interpreter a = Interpreter.create("a");
        Interpreter x = Interpreter.create("x")) {
      Domain dx = domainOf(x);
      AtomicReference<String> result = new AtomicReference<>();
      a.run(
          () ->
              dx.runPending(
                  () ->
                      result.set(
                          unchecked(
                              () ->
                                  Domain.blocking(
                                      () ->
                                          a.submit(() -> "entered a")
                                              .get(30, TimeUnit.SECONDS))))));
      assertEquals("entered a", result.get());
      assertNoLeaks(a, x);
    }
  }

  /** The state a pending call mutates: only ever touched inside its interpreter. */
  static final class Unsafe {
    int counter;
    boolean inside;
    int overlaps;
    int wrongInterpreter;
  }

  @Test
  void manyThreadsAddPendingCallsWhileOthersEnterAndNoneIsLost() throws Exception {
    try (Interpreter a = Interpreter.create("a")) {
      Domain d = domainOf(a);
      Unsafe s = new Unsafe();
      Runnable bump =
          () -> {
            if (s.inside) {
              s.overlaps++;
            }
            s.inside = true;
            if (Interpreter.current() != a) {
              s.wrongInterpreter++;
            }
            int c = s.counter;
            if (ThreadLocalRandom.current().nextInt(16) == 0) {
              Thread.yield();
            }
            s.counter = c + 1;
            s.inside = false;
          };
      int producers = 8 + 32;
      int perProducer = 400;
      int holders = 4;
      int perHolder = 400;
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        Thread.Builder b = p < 8 ? Thread.ofPlatform() : Thread.ofVirtual();
        threads.add(
            b.start(
                () -> {
                  awaitQuietly(start);
                  for (int i = 0; i < perProducer; i++) {
                    d.runPending(bump);
                  }
                }));
      }
      for (int h = 0; h < holders; h++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      awaitQuietly(start);
                      for (int i = 0; i < perHolder; i++) {
                        a.run(bump);
                      }
                    }));
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      // every runPending returned: each call ran, or was left to a holder that drained it
      int expected = producers * perProducer + holders * perHolder;
      int counted = a.call(() -> s.counter);
      assertEquals(expected, counted, "pending calls were lost or ran concurrently");
      assertEquals(0, a.call(() -> s.overlaps));
      assertEquals(0, a.call(() -> s.wrongInterpreter));
      assertFalse(a.call(() -> s.inside));
      assertNoLeaks(a);
    }
  }

  private static <T> T unchecked(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertHooksPaired(List<String> events) {
    int depth = 0;
    synchronized (events) {
      for (String e : events) {
        depth += e.startsWith("enter") ? 1 : -1;
        assertTrue(depth == 0 || depth == 1, "hooks do not pair up: " + events);
      }
    }
    assertEquals(0, depth, "hooks do not pair up: " + events);
  }
}
