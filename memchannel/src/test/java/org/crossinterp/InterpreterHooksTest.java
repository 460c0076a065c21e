package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.InterpreterTestSupport.domainOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.InterpreterTestSupport.ReportingThread;
import org.crossinterp.internal.interp.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code onEnter}/{@code onLeave} hooks a backend (a GraalVM context, later) binds to an
 * interpreter: they run on every switch, in pairs, on the switching thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterpreterHooksTest {
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  private Interpreter hooked(String name) {
    return Interpreter.builder()
        .name(name)
        .onEnter(() -> events.add("enter " + name))
        .onLeave(() -> events.add("leave " + name))
        .build();
  }

  @Test
  void aCallRunsEnterThenTaskThenLeaveOnTheCallingThread() throws Exception {
    AtomicReference<Thread> enterThread = new AtomicReference<>();
    AtomicReference<Thread> leaveThread = new AtomicReference<>();
    try (Interpreter a =
        Interpreter.builder()
            .onEnter(() -> enterThread.set(Thread.currentThread()))
            .onLeave(() -> leaveThread.set(Thread.currentThread()))
            .build();
        Interpreter b = hooked("b")) {
      a.run(() -> {});
      assertSame(Thread.currentThread(), enterThread.get());
      assertSame(Thread.currentThread(), leaveThread.get());
      b.run(() -> events.add("task"));
      assertEquals(List.of("enter b", "task", "leave b"), events);
      assertNoLeaks(a, b);
    }
  }

  @Test
  void aNestedSwitchLeavesAndReentersTheOuterInterpreter() throws Exception {
    try (Interpreter a = hooked("a");
        Interpreter b = hooked("b")) {
      a.run(
          () -> {
            events.add("in a");
            b.run(() -> events.add("in b"));
            events.add("back in a");
          });
      assertEquals(
          List.of(
              "enter a", "in a", "leave a", "enter b", "in b", "leave b", "enter a", "back in a",
              "leave a"),
          events);
      assertNoLeaks(a, b);
    }
  }

  @Test
  void hooksPairUpThroughABackAndForthChain() throws Exception {
    try (Interpreter a = hooked("a");
        Interpreter b = hooked("b")) {
      a.run(() -> b.run(() -> a.run(() -> events.add("deepest"))));
      assertEquals(
          List.of(
              "enter a", "leave a", "enter b", "leave b", "enter a", "deepest", "leave a",
              "enter b", "leave b", "enter a", "leave a"),
          events);
      assertBalanced("a");
      assertBalanced("b");
      assertNoLeaks(a, b);
    }
  }

  @Test
  void reenteringTheCurrentInterpreterRunsNoHooks() throws Exception {
    try (Interpreter a = hooked("a")) {
      a.run(() -> a.run(() -> a.run(() -> events.add("task"))));
      assertEquals(List.of("enter a", "task", "leave a"), events);
      assertNoLeaks(a);
    }
  }

  @Test
  void submitRunsTheHooksOnTheSubmittedThread() throws Exception {
    AtomicReference<Thread> enterThread = new AtomicReference<>();
    try (Interpreter a =
        Interpreter.builder().onEnter(() -> enterThread.set(Thread.currentThread())).build()) {
      Thread taskThread = a.submit(Thread::currentThread).get(30, TimeUnit.SECONDS);
      assertSame(taskThread, enterThread.get());
      assertNoLeaks(a);
    }
  }

  @Test
  void aBlockingWaitLeavesAndReenters() throws Exception {
    try (Interpreter a = hooked("a")) {
      a.run(
          () ->
              Domain.blocking(
                  () -> {
                    events.add("waiting");
                    return null;
                  }));
      assertEquals(List.of("enter a", "leave a", "waiting", "enter a", "leave a"), events);
      assertNoLeaks(a);
    }
  }

  @Test
  void pendingCallsRunBetweenEnterAndLeave() throws Exception {
    try (Interpreter a = hooked("a")) {
      Domain d = domainOf(a);
      events.clear();
      d.runPending(() -> events.add("pending"));
      assertEquals(List.of("enter a", "pending", "leave a"), events);
      assertNoLeaks(a);
    }
  }

  @Test
  void aFailingOnEnterFailsTheCallUnchangedAndLeavesEverythingUsable() throws Exception {
    AtomicBoolean fail = new AtomicBoolean(true);
    IllegalStateException hookFailure = new IllegalStateException("context would not enter");
    try (Interpreter outer = hooked("outer");
        Interpreter a =
            Interpreter.builder()
                .onEnter(
                    () -> {
                      if (fail.get()) {
                        throw hookFailure;
                      }
                    })
                .build()) {
      AtomicBoolean ran = new AtomicBoolean();
      IllegalStateException caught =
          outer.call(
              () -> {
                IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> a.run(() -> ran.set(true)));
                assertSame(outer, Interpreter.current());
                return e;
              });
      assertSame(hookFailure, caught);
      assertFalse(ran.get(), "the task ran although the interpreter could not be entered");
      assertFalse(a.isRunning());
      assertBalanced("outer");
      fail.set(false);
      // the lock was given back: another thread enters
      assertSame(a, a.submit(Interpreter::current).get(30, TimeUnit.SECONDS));
      assertNoLeaks(outer, a);
    }
  }

  @Test
  void aFailingOnLeaveIsReportedAndDoesNotChangeTheOutcome() throws Exception {
    IllegalStateException hookFailure = new IllegalStateException("context would not leave");
    AtomicBoolean fail = new AtomicBoolean(true);
    try (Interpreter a =
        Interpreter.builder()
            .onLeave(
                () -> {
                  if (fail.getAndSet(false)) {
                    throw hookFailure;
                  }
                })
            .build()) {
      ReportingThread t = new ReportingThread(() -> a.call(() -> 42));
      assertEquals(42, t.runToEnd());
      assertEquals(List.of(hookFailure), t.reported);
      // the lock was given back anyway
      assertEquals(7, a.submit(() -> 7).get(30, TimeUnit.SECONDS));
      assertNoLeaks(a);
    }
  }

  private void assertBalanced(String name) {
    int depth = 0;
    synchronized (events) {
      for (String e : events) {
        if (e.equals("enter " + name)) {
          depth++;
          assertEquals(1, depth, "entered " + name + " twice without leaving: " + events);
        } else if (e.equals("leave " + name)) {
          depth--;
          assertEquals(0, depth, "left " + name + " without entering: " + events);
        }
      }
    }
    assertEquals(0, depth, "hooks of " + name + " do not pair up: " + events);
    assertTrue(events.contains("enter " + name));
  }
}
