package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.InterpreterTestSupport.awaitTrue;
import static org.crossinterp.InterpreterTestSupport.domainOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.internal.interp.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Dedicated-thread interpreters: every task on their one thread, callers wait without a lock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DedicatedThreadInterpreterTest {

  private static Interpreter dedicated(String name) {
    return Interpreter.builder().name(name).dedicatedThread(true).build();
  }

  @Test
  void everyCallRunsOnTheSameOwnThreadFromAnyCaller() throws Exception {
    try (Interpreter d = dedicated("own")) {
      Thread own = d.call(Thread::currentThread);
      assertNotSame(Thread.currentThread(), own);
      assertEquals("crossinterp-own", own.getName());
      assertTrue(own.isDaemon());
      assertFalse(own.isVirtual());
      Set<Thread> seen = ConcurrentHashMap.newKeySet();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread.Builder b = i % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
        callers.add(
            b.start(
                () -> {
                  for (int j = 0; j < 50; j++) {
                    d.run(() -> seen.add(Thread.currentThread()));
                  }
                }));
      }
      for (Thread t : callers) {
        t.join();
      }
      assertEquals(Set.of(own), seen);
      assertNoLeaks(d);
    }
  }

  @Test
  void runSubmitAndNestedCallsAllUseTheOwnThread() throws Exception {
    try (Interpreter d = dedicated("d");
        Interpreter a = Interpreter.create("a")) {
      Thread own = d.call(Thread::currentThread);
      AtomicReference<Thread> byRun = new AtomicReference<>();
      d.run(() -> byRun.set(Thread.currentThread()));
      assertSame(own, byRun.get());
      assertSame(own, d.submit(Thread::currentThread).get(30, TimeUnit.SECONDS));
      assertSame(own, a.call(() -> d.call(Thread::currentThread)));
      // d -> a -> d: the inner call re-enters d on its own thread (which is the one in a)
      Thread inner = d.call(() -> a.call(() -> d.call(Thread::currentThread)));
      assertSame(own, inner);
      assertNoLeaks(d, a);
    }
  }

  @Test
  void currentIsTheDedicatedInterpreterInsideAndTheCallersOneAfter() throws Exception {
    try (Interpreter d = dedicated("d");
        Interpreter a = Interpreter.create("a")) {
      assertSame(d, d.call(Interpreter::current));
      List<Interpreter> trace =
          a.call(
              () -> {
                List<Interpreter> t = new ArrayList<>();
                t.add(Interpreter.current());
                t.add(d.call(Interpreter::current));
                t.add(Interpreter.current());
                return t;
              });
      assertEquals(List.of(a, d, a), trace);
      assertSame(Interpreter.main(), Interpreter.current());
    }
  }

  @Test
  void aDedicatedTaskCallingBackIntoTheCallersInterpreterDoesNotDeadlock() throws Exception {
    try (Interpreter d = dedicated("d");
        Interpreter a = Interpreter.create("a")) {
      Thread me = Thread.currentThread();
      Object[] seen =
          a.call(
              () ->
                  d.call(
                      () ->
                          a.call(
                              () ->
                                  new Object[] {
                                    Interpreter.current(), Thread.currentThread(), a.isRunning()
                                  })));
      assertSame(a, seen[0]);
      assertNotSame(me, seen[1], "the callback ran on the waiting caller's thread");
      assertEquals(true, seen[2]);
      assertNoLeaks(d, a);
    }
  }

  @Test
  void theCallerGivesBackItsLockWhileItWaits() throws Exception {
    try (Interpreter d = dedicated("d");
        Interpreter a = Interpreter.create("a")) {
      CountDownLatch otherEnteredA = new CountDownLatch(1);
      AtomicReference<Thread> other = new AtomicReference<>();
      String got =
          a.call(
              () ->
                  d.call(
                      () -> {
                        // another thread enters a while a's caller waits for this task
                        other.set(Thread.ofVirtual().start(() -> a.run(otherEnteredA::countDown)));
                        otherEnteredA.await();
                        return "done";
                      }));
      assertEquals("done", got);
      other.get().join();
      assertNoLeaks(d, a);
    }
  }

  @Test
  void exceptionsPropagateUnchanged() {
    try (Interpreter d = dedicated("d")) {
      Exception checked = new Exception("checked");
      assertSame(
          checked,
          assertThrows(
              Exception.class,
              () ->
                  d.call(
                      () -> {
                        throw checked;
                      })));
      CompletionException ce = new CompletionException("own", new RuntimeException());
      assertSame(
          ce,
          assertThrows(
              CompletionException.class,
              () ->
                  d.run(
                      () -> {
                        throw ce;
                      })));
      AssertionError err = new AssertionError("error");
      assertSame(
          err,
          assertThrows(
              AssertionError.class,
              () ->
                  d.call(
                      () -> {
                        throw err;
                      })));
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  d.submit(
                          () -> {
                            throw checked;
                          })
                      .get(30, TimeUnit.SECONDS));
      assertSame(checked, e.getCause());
      assertFalse(d.isRunning());
    }
  }

  @Test
  void anInterruptedCallerStillGetsTheResultAndKeepsItsInterruptStatus() throws Exception {
    try (Interpreter d = dedicated("d")) {
      Thread.currentThread().interrupt();
      try {
        assertEquals(9, d.call(() -> 9));
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status was lost");
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void isRunningWhileTheOwnThreadRunsATask() throws Exception {
    try (Interpreter d = dedicated("d")) {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> f =
          d.submit(
              () -> {
                inside.countDown();
                release.await();
                return null;
              });
      inside.await();
      assertTrue(d.isRunning());
      release.countDown();
      f.get(30, TimeUnit.SECONDS);
      assertFalse(d.isRunning());
      assertEquals(true, d.call(d::isRunning));
      assertFalse(d.isRunning());
    }
  }

  @Test
  void hooksRunOnTheOwnThread() throws Exception {
    Set<Thread> hookThreads = ConcurrentHashMap.newKeySet();
    try (Interpreter d =
        Interpreter.builder()
            .dedicatedThread(true)
            .onEnter(() -> hookThreads.add(Thread.currentThread()))
            .onLeave(() -> hookThreads.add(Thread.currentThread()))
            .build()) {
      Thread own = d.call(Thread::currentThread);
      d.submit(() -> null).get(30, TimeUnit.SECONDS);
      assertEquals(Set.of(own), hookThreads);
    }
  }

  @Test
  void pendingCallsRunOnTheOwnThread() throws Exception {
    try (Interpreter d = dedicated("d")) {
      Thread own = d.call(Thread::currentThread);
      Domain domain = domainOf(d);
      CompletableFuture<Object[]> ran = new CompletableFuture<>();
      domain.runPending(
          () -> ran.complete(new Object[] {Thread.currentThread(), Interpreter.current()}));
      Object[] seen = ran.get(30, TimeUnit.SECONDS);
      assertSame(own, seen[0]);
      assertSame(d, seen[1]);
      awaitTrue(() -> !d.isRunning()); // the drain counts as inside until its bookkeeping ends
      assertNoLeaks(d);
    }
  }

  @Test
  void closingFromInsideItsOwnTaskThrows() throws Exception {
    try (Interpreter d = dedicated("d")) {
      IllegalStateException e = d.call(() -> assertThrows(IllegalStateException.class, d::close));
      assertTrue(e.getMessage().contains("from inside itself"), e.getMessage());
      assertFalse(d.isClosed());
      assertEquals(1, d.call(() -> 1));
    }
  }

  @Test
  void closingTheWaitingCallersInterpreterFromTheTaskThrowsInsteadOfDeadlocking()
      throws Exception {
    try (Interpreter d = dedicated("d");
        Interpreter a = Interpreter.create("a")) {
      // The caller in a waits for the task, so it is still inside a: close would wait forever.
      IllegalStateException e =
          a.call(() -> d.call(() -> assertThrows(IllegalStateException.class, a::close)));
      assertTrue(e.getMessage().contains("cannot be closed from inside itself"), e.getMessage());
      assertFalse(a.isClosed());
      assertNoLeaks(d, a);
    }
  }

  @Test
  void closeStopsTheOwnThreadAndRefusesEverything() throws Exception {
    Interpreter d = dedicated("stopping");
    Thread own = d.call(Thread::currentThread);
    Domain domain = domainOf(d);
    d.close();
    assertTrue(own.join(java.time.Duration.ofSeconds(30)), "the dedicated thread still runs");
    AtomicBoolean ran = new AtomicBoolean();
    assertThrows(InterpreterClosedException.class, () -> d.call(() -> ran.getAndSet(true)));
    assertThrows(InterpreterClosedException.class, () -> d.run(() -> ran.set(true)));
    assertThrows(InterpreterClosedException.class, () -> d.submit(() -> ran.getAndSet(true)));
    assertFalse(ran.get());
    assertFalse(Interpreter.listAll().contains(d));
    // pending calls still run after close (shares of a closed interpreter are released)
    AtomicBoolean pendingRan = new AtomicBoolean();
    domain.runPending(() -> pendingRan.set(true));
    assertTrue(pendingRan.get());
  }

  @Test
  void closeWaitsForTheRunningTaskAndFailsTheQueuedOnes() throws Exception {
    Interpreter d = dedicated("d");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstDone = new AtomicBoolean();
    CompletableFuture<Object> first =
        d.submit(
            () -> {
              inside.countDown();
              release.await();
              firstDone.set(true);
              return null;
            });
    inside.await();
    AtomicBoolean queuedRan = new AtomicBoolean();
    CompletableFuture<Object> queued = d.submit(() -> queuedRan.getAndSet(true));
    AtomicBoolean closeSawFirstDone = new AtomicBoolean();
    Thread closer =
        Thread.ofPlatform()
            .start(
                () -> {
                  d.close();
                  closeSawFirstDone.set(firstDone.get());
                });
    awaitTrue(d::isClosed);
    release.countDown();
    closer.join();
    assertTrue(closeSawFirstDone.get(), "close returned while a task was inside");
    first.get(30, TimeUnit.SECONDS);
    ExecutionException e = assertThrows(ExecutionException.class, () -> queued.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof InterpreterClosedException, e.toString());
    assertFalse(queuedRan.get());
    assertNoLeaks(d);
  }
}
