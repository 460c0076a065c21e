package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code current()}, nested and re-entrant calls, exception propagation, {@code run} and {@code
 * submit} (CPython's test_interpreters: TestInterpreterExec, TestInterpreterCall, get_current).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterpreterSwitchingTest {

  /** A checked exception no library code would throw by itself. */
  static final class Checked extends Exception {
    private static final long serialVersionUID = 1L;

    Checked(String m) {
      super(m);
    }
  }

  @Test
  void currentIsMainOutsideAndTheTargetInside() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      assertSame(Interpreter.main(), Interpreter.current());
      assertSame(a, a.call(Interpreter::current));
      assertSame(Interpreter.main(), Interpreter.current());
      assertNoLeaks(a);
    }
  }

  @Test
  void currentOnAFreshThreadIsMain() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      a.run(
          () -> {
            AtomicReference<Interpreter> seen = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> seen.set(Interpreter.current()));
            try {
              t.join();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            assertSame(Interpreter.main(), seen.get(), "a new thread inherited the interpreter");
          });
    }
  }

  @Test
  void callRunsOnTheCallingThreadAndReturnsTheResult() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Thread me = Thread.currentThread();
      assertSame(me, a.call(Thread::currentThread));
      assertEquals("x", a.call(() -> "x"));
      assertNull(a.call(() -> null));
    }
  }

  @Test
  void nestedCallsTrackCurrentAndRestoreIt() throws Exception {
    try (Interpreter a = Interpreter.create("a");
        Interpreter b = Interpreter.create("b")) {
      List<Interpreter> trace = new ArrayList<>();
      a.run(
          () -> {
            trace.add(Interpreter.current());
            b.run(
                () -> {
                  trace.add(Interpreter.current());
                  a.run(() -> trace.add(Interpreter.current()));
                  trace.add(Interpreter.current());
                });
            trace.add(Interpreter.current());
          });
      trace.add(Interpreter.current());
      assertEquals(List.of(a, b, a, b, a, Interpreter.main()), trace);
      assertNoLeaks(a, b);
    }
  }

  @Test
  void reenteringTheCurrentInterpreterJustRunsTheTask() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Thread me = Thread.currentThread();
      int depth =
          a.call(
              () ->
                  a.call(
                      () -> {
                        assertSame(a, Interpreter.current());
                        assertSame(me, Thread.currentThread());
                        return a.call(() -> 3);
                      }));
      assertEquals(3, depth);
      assertSame(Interpreter.main(), Interpreter.current());
      assertNoLeaks(a);
    }
  }

  @Test
  void mainCanBeEnteredLikeAnyInterpreter() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      assertSame(Interpreter.main(), Interpreter.main().call(Interpreter::current));
      assertSame(
          Interpreter.main(), a.call(() -> Interpreter.main().call(Interpreter::current)));
      assertSame(a, a.call(() -> Interpreter.main().call(() -> a.call(Interpreter::current))));
    }
  }

  @Test
  void aThreadInANestedCallDoesNotHoldTheInterpreterItCameFrom() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      // While this thread is in b (called from a), another thread must be able to enter a.
      String got =
          a.call(() -> b.call(() -> a.submit(() -> "entered a").get(30, TimeUnit.SECONDS)));
      assertEquals("entered a", got);
      assertNoLeaks(a, b);
    }
  }

  // ------------------------------------------------------------------ exceptions

  @Test
  void checkedExceptionsPropagateUnchanged() {
    try (Interpreter a = Interpreter.create()) {
      Checked thrown = new Checked("checked");
      Checked caught =
          assertThrows(
              Checked.class,
              () ->
                  a.call(
                      () -> {
                        throw thrown;
                      }));
      assertSame(thrown, caught);
      assertSame(Interpreter.main(), Interpreter.current());
      assertFalse(a.isRunning());
    }
  }

  @Test
  void uncheckedExceptionsAndErrorsPropagateUnchanged() {
    try (Interpreter a = Interpreter.create()) {
      IllegalArgumentException iae = new IllegalArgumentException("unchecked");
      assertSame(
          iae,
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  a.call(
                      () -> {
                        throw iae;
                      })));
      StackOverflowError err = new StackOverflowError("error");
      assertSame(
          err,
          assertThrows(
              StackOverflowError.class,
              () ->
                  a.run(
                      () -> {
                        throw err;
                      })));
      CompletionException ce = new CompletionException("wrapped", new IOException("cause"));
      assertSame(
          ce,
          assertThrows(
              CompletionException.class,
              () ->
                  a.call(
                      () -> {
                        throw ce;
                      })));
    }
  }

  @Test
  void exceptionsPropagateUnchangedThroughNestedCalls() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      Checked thrown = new Checked("deep");
      Checked caught =
          a.call(
              () -> {
                Checked inner =
                    assertThrows(
                        Checked.class,
                        () ->
                            b.call(
                                () ->
                                    a.call(
                                        () -> {
                                          throw thrown;
                                        })));
                assertSame(a, Interpreter.current(), "current not restored after a failure");
                return inner;
              });
      assertSame(thrown, caught);
      assertEquals(5, a.call(() -> b.call(() -> 5)), "an interpreter stayed locked after failure");
      assertNoLeaks(a, b);
    }
  }

  @Test
  void runPropagatesACheckedExceptionThrownSneakilyUnchanged() {
    try (Interpreter a = Interpreter.create()) {
      Checked thrown = new Checked("sneaky");
      Checked caught =
          assertThrows(Checked.class, () -> a.run(() -> InterpreterSwitchingTest.sneak(thrown)));
      assertSame(thrown, caught);
    }
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> void sneak(Throwable t) throws X {
    throw (X) t;
  }

  @Test
  void theInterpreterIsUsableAfterATaskFailed() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      assertThrows(
          IllegalStateException.class,
          () ->
              a.run(
                  () -> {
                    throw new IllegalStateException();
                  }));
      // another thread can enter: the lock was given back
      assertEquals("ok", a.submit(() -> "ok").get(30, TimeUnit.SECONDS));
      assertNoLeaks(a);
    }
  }

  @Test
  void nullTasksAreRefused() {
    try (Interpreter a = Interpreter.create()) {
      assertThrows(NullPointerException.class, () -> a.call(null));
      assertThrows(NullPointerException.class, () -> a.run(null));
      assertThrows(NullPointerException.class, () -> a.submit(null));
      assertFalse(a.isRunning());
    }
  }

  // ------------------------------------------------------------------ run and submit

  @Test
  void runRunsInsideOnTheCallingThread() {
    try (Interpreter a = Interpreter.create()) {
      AtomicReference<Interpreter> where = new AtomicReference<>();
      AtomicReference<Thread> thread = new AtomicReference<>();
      a.run(
          () -> {
            where.set(Interpreter.current());
            thread.set(Thread.currentThread());
          });
      assertSame(a, where.get());
      assertSame(Thread.currentThread(), thread.get());
    }
  }

  @Test
  void submitRunsOnAnotherThreadInsideTheInterpreter() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Thread me = Thread.currentThread();
      CompletableFuture<Object[]> f =
          a.submit(() -> new Object[] {Interpreter.current(), Thread.currentThread(), a.isRunning()});
      Object[] seen = f.get(30, TimeUnit.SECONDS);
      assertSame(a, seen[0]);
      assertNotSame(me, seen[1]);
      assertEquals(true, seen[2]);
      assertSame(Interpreter.main(), Interpreter.current());
      assertNoLeaks(a);
    }
  }

  @Test
  void submitFromInsideAnInterpreterRunsInTheTarget() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      CompletableFuture<Interpreter> f = a.call(() -> b.submit(Interpreter::current));
      assertSame(b, f.get(30, TimeUnit.SECONDS));
      // and into the interpreter the submitter is in: a different thread, so it really enters
      assertSame(a, a.call(() -> a.submit(Interpreter::current)).get(30, TimeUnit.SECONDS));
      assertNoLeaks(a, b);
    }
  }

  @Test
  void submitsFutureCarriesTheExceptionUnchanged() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Checked thrown = new Checked("in future");
      CompletableFuture<Object> f =
          a.submit(
              () -> {
                throw thrown;
              });
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
      assertSame(thrown, e.getCause());
      assertTrue(f.isCompletedExceptionally());
      assertNoLeaks(a);
    }
  }
}
