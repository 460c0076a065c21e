package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.await;
import static org.crossinterp.memchannel.TestSupport.failure;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.crossinterp.Interpreter;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.channel.ChannelCore;
import org.crossinterp.internal.channel.ItemSupport;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of waiting in a channel: who is woken, what a wake-up carries, and what a waiter that
 * is woken, times out and is interrupted at once ends up with. Every state a test needs is waited
 * for (a receiver counted as waiting, a thread parked on the channel's lock), never slept for.
 *
 * <p>Several tests stall one thread inside a receive gate (which runs under the channel's lock) to
 * hold the channel still at the interesting instant: that is how "the receiver timed out at the
 * very moment the item arrived" becomes deterministic.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelWaitingRulesTest {
  private static final ItemSupport<Object> VALUES =
      new ItemSupport<>() {
        @Override
        public Domain origin(Object item) {
          return null; // bound to no interpreter
        }

        @Override
        public void discard(Object item) {}
      };

  private static final Consumer<Object> ONLY_STRINGS =
      o -> {
        if (!(o instanceof String)) {
          throw new ClassCastException(o + " is not a String");
        }
      };

  private static ChannelCore<Object> core(int capacity) {
    return new ChannelCore<>(capacity, UnboundPolicy.DELIVER, null, VALUES);
  }

  private static void awaitWaitingReceivers(ChannelCore<?> c, int n) {
    await(() -> c.waitingReceivers() + " waiting receiver(s), not " + n,
        () -> c.waitingReceivers() == n);
  }

  /** Waits until {@code t} is parked taking a lock (the channel's, in these tests). */
  private static void awaitParkedOnALock(Thread t) {
    await(
        () -> t.getName() + " is " + t.getState() + " on " + LockSupport.getBlocker(t),
        () ->
            t.getState() == Thread.State.WAITING
                && LockSupport.getBlocker(t) instanceof AbstractQueuedSynchronizer);
  }

  /**
   * Closes {@code ch} at once, so that a thread a failed test left waiting in it leaves its
   * interpreter (which could not close otherwise), and releases what was still in it.
   */
  private static void endWaits(MemChannel ch) {
    ch.closeNow().forEach(CrossInterpreterView::release);
  }

  private static long recvTag(MemChannel ch) throws InterruptedException {
    try (CrossInterpreterView v = ch.recv()) {
      return tagOf(v);
    }
  }

  // ------------------------------------------------------------------ gates

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {Integer.MAX_VALUE, 2, 0})
  void aGateRefusalPassesTheWakeUpToTheNextReceiver(int capacity) throws Exception {
    ChannelCore<Object> c = core(capacity);
    Started<Object> gated = start("gated", () -> c.recv(ChannelCore.FOREVER, ONLY_STRINGS));
    awaitWaitingReceivers(c, 1);
    Started<Object> plain = start("plain", () -> c.recv(ChannelCore.FOREVER));
    awaitWaitingReceivers(c, 2);
    assertTrue(c.send(42, ChannelCore.FOREVER));
    failure(gated, ClassCastException.class);
    assertEquals(42, outcome(plain), "the wake-up died with the refusing receiver");
    assertEquals(0, c.size());
    assertEquals(0, c.waitingReceivers());
  }

  @Test
  void aTrySendRefusedByEveryWaitingReceiverIsNotSent() throws Exception {
    ChannelCore<Object> c = core(0);
    Started<Object> gated = start("gated", () -> c.recv(ChannelCore.FOREVER, ONLY_STRINGS));
    awaitWaitingReceivers(c, 1);
    assertFalse(c.send(42, 0), "nobody accepted the item, yet it was sent");
    failure(gated, ClassCastException.class);
    assertEquals(0, c.size());
    assertNull(c.recv(0));
  }

  // ------------------------------------------------------------------ trySend never waits

  @Test
  void trySendHandsToAWaitingReceiverWithoutWaiting() throws Exception {
    ChannelCore<Object> c = core(0);
    CountDownLatch receiverMayRun = new CountDownLatch(1);
    AtomicReference<Thread> receiverThread = new AtomicReference<>();
    // The gate stalls the receiver's own thread, as if it were never scheduled again: a trySend
    // that waited for the receiver to run would wait until the latch opens.
    Consumer<Object> stallsItsOwnThread =
        o -> {
          if (Thread.currentThread() == receiverThread.get()) {
            try {
              receiverMayRun.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    try {
      Started<Object> receiver =
          start(
              "stalled-receiver",
              () -> {
                receiverThread.set(Thread.currentThread());
                return c.recv(ChannelCore.FOREVER, stallsItsOwnThread);
              });
      awaitWaitingReceivers(c, 1);
      Started<Boolean> trySend = start("try-sender", () -> c.send("x", 0));
      assertTrue(outcome(trySend), "trySend did not hand over");
      assertEquals(0, c.size(), "a handed-over item counts as received at once");
      receiverMayRun.countDown();
      assertEquals("x", outcome(receiver));
    } finally {
      receiverMayRun.countDown();
    }
  }

  @Test
  void aHandedOverItemCountsAsReceivedAtOnce() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      try {
        Started<Long> receiver = start("receiver", () -> b.call(() -> recvTag(ch)));
        receiver.awaitParked();
        assertTrue(a.call(() -> ch.trySend(tagged(1, 8))));
        assertEquals(0, ch.size());
        assertNull(ch.tryRecv(), "the handed-over item is still in the channel");
        assertEquals(1, outcome(receiver));
      } finally {
        endWaits(ch);
      }
      assertNoLiveShares(a, b);
    }
  }

  // ------------------------------------------------------------------ the interrupt flag

  @Test
  void trySendWithTheInterruptFlagSetStillHandsOver() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      try {
        Started<Long> receiver = start("receiver", () -> b.call(() -> recvTag(ch)));
        receiver.awaitParked();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        boolean sent =
            a.call(
                () -> {
                  Thread.currentThread().interrupt();
                  try {
                    return ch.trySend(tagged(2, 8));
                  } finally {
                    stillInterrupted.set(Thread.interrupted());
                  }
                });
        assertTrue(sent, "a receiver waits, yet trySend refused because of the interrupt flag");
        assertTrue(stillInterrupted.get(), "trySend cleared the interrupt flag");
        assertEquals(2, outcome(receiver));
      } finally {
        endWaits(ch);
      }
      assertNoLiveShares(a, b);
    }
  }

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1})
  void aSendThatNeedNotWaitIgnoresTheInterruptFlag(int capacity) throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(capacity);
      try {
        Started<Long> receiver = start("receiver", () -> b.call(() -> recvTag(ch)));
        receiver.awaitParked();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        a.call(
            () -> {
              Thread.currentThread().interrupt();
              try {
                ch.send(tagged(3, 8));
              } finally {
                stillInterrupted.set(Thread.interrupted());
              }
              return null;
            });
        assertTrue(stillInterrupted.get(), "send cleared the interrupt flag");
        assertEquals(3, outcome(receiver));
      } finally {
        endWaits(ch);
      }
      assertNoLiveShares(a, b);
    }
  }

  // ------------------------------------------------------------------ a wake-up is never lost

  @Test
  void aReceiverWokenWithAnItemKeepsItDespiteTimeout() throws Exception {
    for (long millis = 200; ; millis *= 4) {
      ChannelCore<Object> c = core(Integer.MAX_VALUE);
      AtomicReference<Thread> receiverThread = new AtomicReference<>();
      AtomicBoolean gateRanWhileTimedOut = new AtomicBoolean();
      // Run by the sender under the channel's lock: holds the lock until the receiver has timed
      // out and queues for the lock, then accepts the item.
      Consumer<Object> acceptsOnceTimedOut =
          o -> {
            Thread r = receiverThread.get();
            if (Thread.currentThread() != r) {
              awaitParkedOnALock(r);
              gateRanWhileTimedOut.set(true);
            }
          };
      long timeout = millis * 1_000_000;
      Started<Object> receiver =
          start(
              "timed-receiver",
              () -> {
                receiverThread.set(Thread.currentThread());
                return c.recv(timeout, acceptsOnceTimedOut);
              });
      awaitWaitingReceivers(c, 1);
      assertTrue(c.send("x", 0));
      Object got = outcome(receiver);
      if (got == null && !gateRanWhileTimedOut.get() && millis < 60_000) {
        assertEquals("x", c.recv(0), "the item sent after the timeout is queued");
        continue; // this machine was too slow to send before the timeout: allow more time
      }
      assertEquals("x", got, "the receiver lost the item it was woken with");
      assertEquals(0, c.size());
      assertEquals(0, c.waitingReceivers());
      return;
    }
  }

  @Test
  void aReceiverWokenWithAnItemKeepsItDespiteAnInterrupt() throws Exception {
    ChannelCore<Object> c = core(Integer.MAX_VALUE);
    AtomicReference<Thread> receiverThread = new AtomicReference<>();
    Consumer<Object> interruptsThenAccepts =
        o -> {
          Thread r = receiverThread.get();
          if (Thread.currentThread() != r) {
            r.interrupt();
            awaitParkedOnALock(r);
          }
        };
    Started<Object[]> receiver =
        start(
            "interrupted-receiver",
            () -> {
              receiverThread.set(Thread.currentThread());
              Object got = c.recv(ChannelCore.FOREVER, interruptsThenAccepts);
              return new Object[] {got, Thread.interrupted()};
            });
    awaitWaitingReceivers(c, 1);
    assertTrue(c.send("x", 0));
    Object[] got = outcome(receiver);
    assertEquals("x", got[0], "the receiver lost the item it was woken with");
    assertEquals(true, got[1], "the interrupt was swallowed");
    assertEquals(0, c.size());
  }

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1})
  void aSenderWhoseItemWasTakenAtItsTimeoutStillSends(int capacity) throws Exception {
    for (long millis = 200; ; millis *= 4) {
      ChannelCore<Object> c = core(capacity);
      if (capacity == 1) {
        assertTrue(c.send("first", 0));
      }
      long timeout = millis * 1_000_000;
      Started<Boolean> sender = start("timed-sender", () -> c.send("late", timeout));
      sender.awaitParked();
      AtomicBoolean gateRanWhileTimedOut = new AtomicBoolean();
      // Runs here, under the channel's lock, in the receive below: the sender times out meanwhile
      // and queues for the lock; only then is the item (or the room it waits for) taken.
      Object got =
          c.recv(
              0,
              o -> {
                if (!sender.result().isDone()) {
                  awaitParkedOnALock(sender.thread());
                  gateRanWhileTimedOut.set(true);
                }
              });
      boolean sent = outcome(sender);
      if (!gateRanWhileTimedOut.get() && millis < 60_000) {
        continue; // this machine was too slow to receive before the timeout: allow more time
      }
      assertEquals(capacity == 0 ? "late" : "first", got);
      assertTrue(sent, "the sender gave up although its item was taken");
      assertEquals(capacity == 0 ? null : "late", c.recv(0));
      return;
    }
  }

  @Test
  void aWaitingSenderIsNotOvertakenByATrySend() throws Exception {
    ChannelCore<Object> c = core(1);
    assertTrue(c.send("first", 0));
    Started<Boolean> sender = start("waiting-sender", () -> c.send("second", ChannelCore.FOREVER));
    sender.awaitParked();
    assertEquals("first", c.recv(0));
    // The room the receive made belongs to the sender that waited for it.
    assertFalse(c.send("third", 0), "trySend overtook a waiting sender");
    assertTrue(outcome(sender));
    assertEquals("second", c.recv(0));
    assertNull(c.recv(0));
  }
}
