package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;

/**
 * A receiver that refuses the item it was woken for must pass the wake-up on: {@code
 * recv(Class)} with the wrong type throws {@code ClassCastException} and consumes nothing, so
 * the item is still there for the next waiting receiver, which must not sleep on while it
 * waits. (A lost wake-up: the send woke one waiter, the one that would not take the item.)
 */
class RecvClassWakeUpTest extends ObjTestSupport {
  /** Generous: a receiver that gets its item at all gets it within milliseconds. */
  private static final long ARRIVAL_SECONDS = 10;

  /** Starts {@code body} on a new thread and returns once that thread waits in the channel. */
  private static Thread startWaiting(String name, CompletableFuture<Object> result, Recv body)
      throws InterruptedException {
    Thread t =
        Thread.ofPlatform()
            .name(name)
            .daemon(true)
            .start(
                () -> {
                  try {
                    result.complete(body.recv());
                  } catch (Throwable e) {
                    result.completeExceptionally(e);
                  }
                });
    awaitWaiting(t, result);
    return t;
  }

  /** A receive that may throw anything. */
  @FunctionalInterface
  private interface Recv {
    Object recv() throws Exception;
  }

  /**
   * Polls the thread's state until it parks inside a channel receive (no sleeping guesses: a
   * park elsewhere, say on a class initialisation, does not count); fails if it ended instead.
   */
  private static void awaitWaiting(Thread t, CompletableFuture<Object> result) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ARRIVAL_SECONDS);
    for (; ; ) {
      Thread.State s = t.getState();
      if ((s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) && inRecv(t)) {
        return;
      }
      if (result.isDone() || s == Thread.State.TERMINATED) {
        fail(t.getName() + " returned instead of waiting: " + result);
      }
      if (System.nanoTime() > deadline) {
        fail(t.getName() + " never started waiting; it is " + s);
      }
      Thread.onSpinWait();
    }
  }

  private static boolean inRecv(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().equals(ObjChannel.class.getName()) && e.getMethodName().equals("recv")) {
        return true;
      }
    }
    return false;
  }

  private static Throwable failureOf(CompletableFuture<Object> f, String who) throws Exception {
    try {
      Object got = f.get(ARRIVAL_SECONDS, TimeUnit.SECONDS);
      return fail(who + " should have failed, but received " + got);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      return fail(who + " still waits: it was never told that its item had arrived");
    }
  }

  private static Object valueOf(CompletableFuture<Object> f, String who) throws Exception {
    try {
      return f.get(ARRIVAL_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return fail(
          who
              + " still waits although the item is in the channel: the wake-up of the send went"
              + " to the receiver that refused the item, and it was not passed on");
    }
  }

  @Test
  void aReceiverThatRefusesTheItemPassesTheWakeUpToTheNextReceiver() throws Exception {
    ObjChannel ch = ObjChannel.create();
    CompletableFuture<Object> wrongType = new CompletableFuture<>();
    CompletableFuture<Object> anyType = new CompletableFuture<>();
    Thread t1 = startWaiting("recv-String", wrongType, () -> ch.recv(String.class));
    Thread t2 = startWaiting("recv-any", anyType, ch::recv);
    try {
      ch.send(42);
      assertInstanceOf(ClassCastException.class, failureOf(wrongType, t1.getName()));
      assertEquals(42, valueOf(anyType, t2.getName()), "the item the first receiver left");
      assertEquals(0, ch.size());
    } finally {
      ch.closeNow(); // frees a receiver that still waits, so that no thread outlives the test
      t1.join();
      t2.join();
    }
  }

  @Test
  void aReceiverInAnInterpreterThatRefusesTheItemPassesTheWakeUpOn() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    CompletableFuture<Object> wrongType = new CompletableFuture<>();
    CompletableFuture<Object> anyType = new CompletableFuture<>();
    Thread t1 = startWaiting("a-recv-String", wrongType, () -> a.call(() -> ch.recv(String.class)));
    Thread t2 = startWaiting("b-recv-any", anyType, () -> b.call(ch::recv));
    try {
      ch.send(42);
      assertInstanceOf(ClassCastException.class, failureOf(wrongType, t1.getName()));
      assertEquals(42, valueOf(anyType, t2.getName()));
      assertEquals(0, ch.size());
    } finally {
      ch.closeNow();
      t1.join();
      t2.join();
    }
  }
}
