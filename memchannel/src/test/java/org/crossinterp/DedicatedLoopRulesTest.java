package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.RulesTestSupport.await;
import static org.crossinterp.RulesTestSupport.awaitParked;
import static org.crossinterp.RulesTestSupport.awaitState;
import static org.crossinterp.RulesTestSupport.closeWithin;
import static org.crossinterp.RulesTestSupport.closing;
import static org.crossinterp.RulesTestSupport.dedicated;
import static org.crossinterp.RulesTestSupport.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The event-loop rules of a dedicated-thread interpreter (DESIGN.md section 1): its thread lives
 * as long as the interpreter whatever interrupts it; while it waits it serves incoming calls and
 * submits nested on top of the wait; a served task always runs entered and locked.
 */
class DedicatedLoopRulesTest {

  // ------------------------------------------------------------ the thread lives as long as the interpreter

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anInterruptNeverEndsTheDedicatedThread() throws Exception {
    Interpreter d = dedicated("self-interrupting");
    try (AutoCloseable c = closing(d)) {
      Thread own = d.call(Thread::currentThread);
      d.run(() -> Thread.currentThread().interrupt());
      assertEquals(42, within("a call after a task interrupted itself", () -> d.call(() -> 42)));
      assertEquals(
          43,
          within("a submit after a task interrupted itself", () -> d.submit(() -> 43).get()));
      assertTrue(own.isAlive(), "the dedicated thread ended");
      assertSame(own, d.call(Thread::currentThread));
      assertNoLeaks(d);
    }
    assertFalse(d.isRunning());
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStrayInterruptOfTheIdleThreadIsClearedBeforeTheNextTask() throws Exception {
    Interpreter d = dedicated("interrupted-while-idle");
    try (AutoCloseable c = closing(d)) {
      Thread own = d.call(Thread::currentThread);
      awaitParked(own); // idle, waiting for its next task
      own.interrupt();
      boolean flagSeen =
          within(
              "a call after the idle dedicated thread was interrupted",
              () -> d.call(() -> Thread.currentThread().isInterrupted()));
      assertFalse(flagSeen, "a task that did not interrupt itself started with the flag set");
      assertTrue(own.isAlive(), "the dedicated thread ended");
      assertSame(own, d.call(Thread::currentThread));
      assertNoLeaks(d);
    }
    assertFalse(d.isRunning());
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aTaskThatDidNotInterruptItselfStartsWithTheFlagClear() throws Exception {
    Interpreter d = dedicated("flag-clear");
    try (AutoCloseable c = closing(d)) {
      // the interrupt stays with the task that set it: it is visible until that task ends
      assertTrue(
          d.call(
              () -> {
                Thread.currentThread().interrupt();
                return Thread.currentThread().isInterrupted();
              }));
      CompletableFuture<Boolean> next = d.submit(() -> Thread.currentThread().isInterrupted());
      assertFalse(await(next, "the task after one that interrupted itself"));
      assertFalse(
          within("a call after that", () -> d.call(() -> Thread.currentThread().isInterrupted())));
      assertNoLeaks(d);
    }
    assertFalse(d.isRunning());
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anInterruptReachesTheRunningTaskAndTheLoopGoesOn() throws Exception {
    Interpreter d = dedicated("interrupted-task");
    try (AutoCloseable c = closing(d)) {
      CountDownLatch started = new CountDownLatch(1);
      AtomicReference<Thread> own = new AtomicReference<>();
      CompletableFuture<String> sleeper =
          d.submit(
              () -> {
                own.set(Thread.currentThread());
                started.countDown();
                try {
                  Thread.sleep(Duration.ofMinutes(1));
                  return "slept";
                } catch (InterruptedException e) {
                  return "interrupted";
                }
              });
      started.await();
      awaitParked(own.get());
      own.get().interrupt();
      assertEquals("interrupted", await(sleeper, "the interrupted task"));
      assertEquals(7, within("a call after the interrupted task", () -> d.call(() -> 7)));
      assertTrue(own.get().isAlive());
      assertNoLeaks(d);
    }
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aCallOfferedBeforeCloseNeverOutlivesCloseEvenAfterAnInterrupt() throws Exception {
    Interpreter d = dedicated("interrupted-then-closed");
    d.run(() -> Thread.currentThread().interrupt());
    CompletableFuture<Object> caller = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .daemon(true)
            .start(
                () -> {
                  try {
                    caller.complete(d.call(() -> 42));
                  } catch (Throwable e) {
                    caller.complete(e);
                  }
                });
    // offered before close: either it already ran or its caller waits for it
    awaitState(
        () -> t.getName() + " neither parked nor done; state " + t.getState(),
        () -> caller.isDone() || t.getState() == Thread.State.WAITING);
    closeWithin(d);
    Object outcome = await(caller, "a call made before close()");
    assertTrue(
        Integer.valueOf(42).equals(outcome) || outcome instanceof InterpreterClosedException,
        () -> "expected 42 or InterpreterClosedException, got " + outcome);
    assertNoLeaks(d);
  }

  // ------------------------------------------------------------ a served task runs entered and locked

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aServedTaskAlwaysRunsEnteredAndLocked() throws Exception {
    AtomicInteger entered = new AtomicInteger(); // d1's hooks run on d1's thread only
    List<String> violations = new ArrayList<>();
    Interpreter d1 =
        Interpreter.builder()
            .name("d1")
            .dedicatedThread(true)
            .onEnter(entered::incrementAndGet)
            .onLeave(entered::decrementAndGet)
            .build();
    Interpreter d2 = dedicated("d2");
    try (AutoCloseable c = closing(d1, d2)) {
      java.util.concurrent.Callable<String> probe =
          () -> {
            String where = "entered=" + entered.get() + ", current=" + Interpreter.current().name();
            if (entered.get() <= 0 || Interpreter.current() != d1) {
              synchronized (violations) {
                violations.add(where);
              }
            }
            return where;
          };
      // d1 -> d2 -> d1 by call: the callback is served on d1's thread while d1's task waits
      within("d1 -> d2 -> d1.call", () -> d1.call(() -> d2.call(() -> d1.call(probe))));
      // d1 -> d2 -> d1 by submit, waited for on d2
      within(
          "d1 -> d2 -> d1.submit(..).get()",
          () -> d1.call(() -> d2.call(() -> d1.submit(probe).get())));
      // a submit from outside while d1's task waits in d2
      within(
          "outside submit while d1 waits in d2",
          () ->
              d1.call(
                  () ->
                      d2.call(
                          () ->
                              Thread.ofPlatform()
                                  .start(
                                      () -> {
                                        try {
                                          d1.submit(probe).get();
                                        } catch (Exception e) {
                                          throw new RuntimeException(e);
                                        }
                                      })
                                  .join(Duration.ofSeconds(5)))));
      assertEquals(List.of(), violations, "a task of d1 ran without d1 entered");
      assertEquals(0, entered.get(), "d1's hooks do not pair up");
      assertNoLeaks(d1, d2);
    }
  }

  // ------------------------------------------------------------ a waiting dedicated thread serves incoming work

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twoDedicatedInterpretersCallingEachOtherAtOnceComplete() throws Exception {
    Interpreter a = dedicated("ping");
    Interpreter b = dedicated("pong");
    try (AutoCloseable c = closing(a, b)) {
      int threads = 4;
      int rounds = 300;
      List<CompletableFuture<Integer>> done = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int t = 0; t < threads; t++) {
        boolean aFirst = t % 2 == 0;
        CompletableFuture<Integer> f = new CompletableFuture<>();
        done.add(f);
        Thread.ofPlatform()
            .daemon(true)
            .start(
                () -> {
                  try {
                    go.await();
                    int sum = 0;
                    for (int i = 0; i < rounds; i++) {
                      Interpreter x = aFirst ? a : b;
                      Interpreter y = aFirst ? b : a;
                      sum += x.call(() -> y.call(() -> x.call(() -> 1)));
                    }
                    f.complete(sum);
                  } catch (Throwable e) {
                    f.completeExceptionally(e);
                  }
                });
      }
      go.countDown();
      for (CompletableFuture<Integer> f : done) {
        assertEquals(
            rounds, f.get(20, TimeUnit.SECONDS), "A -> B while B -> A did not complete");
      }
      assertNoLeaks(a, b);
    }
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDedicatedThreadWaitingInRecvServesAnIncomingCall() throws Exception {
    Interpreter d = dedicated("receiver");
    try (AutoCloseable c = closing(d)) {
      Thread own = d.call(Thread::currentThread);
      MemChannel ch = MemChannel.create();
      CountDownLatch receiving = new CountDownLatch(1);
      CompletableFuture<Long> got =
          d.submit(
              () -> {
                receiving.countDown();
                try (CrossInterpreterView v = ch.recv()) {
                  return v.byteSize();
                }
              });
      receiving.await();
      awaitParked(own);
      assertSame(
          d,
          within("a call into d while d's task waits in recv", () -> d.call(Interpreter::current)),
          "the incoming call did not run in d");
      assertFalse(got.isDone(), "the receiving task ended before any item was sent");
      ch.send(new byte[3]);
      assertEquals(3L, await(got, "the receiving task"));
      assertNoLeaks(d);
    }
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDedicatedThreadWaitingForItsOwnSubmitCompletes() throws Exception {
    Interpreter d = dedicated("own-submit");
    try (AutoCloseable c = closing(d)) {
      assertEquals(
          7,
          within(
              "d.call(() -> d.submit(() -> 7).get())", () -> d.call(() -> d.submit(() -> 7).get())));
      assertEquals(
          8,
          within(
              "d.call(() -> d.submit(() -> 8).join())",
              () -> d.call(() -> d.submit(() -> 8).join())));
      assertNoLeaks(d);
    }
  }
}
