package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.await;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bounded and rendezvous channels: who waits, for how long, and what a timeout leaves behind. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemChannelWaitingTest {

  @Test
  void boundedTrySendFailsWhenFullAndTheSenderKeepsItsItem() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(2);
      assertTrue(a.call(() -> ch.trySend(tagged(1, 8))));
      assertTrue(a.call(() -> ch.trySend(tagged(2, 8))));
      CountingExporter e = new CountingExporter(3);
      assertFalse(a.call(() -> ch.trySend(e)));
      assertEquals(2, ch.size());
      assertEquals(2, a.liveShares(), "a refused trySend pinned something");
      assertEquals(e.acquires.get(), e.releases.get());
      try (CrossInterpreterView v = ch.tryRecv()) {
        assertEquals(1, tagOf(v));
      }
      assertTrue(a.call(() -> ch.trySend(e)), "room again after a receive");
      assertEquals(List.of(2L, 3L), List.of(recvTag(ch), recvTag(ch)));
      e.assertBalanced();
      assertNoLiveShares(a);
    }
  }

  private static long recvTag(MemChannel ch) throws InterruptedException {
    try (CrossInterpreterView v = ch.recv()) {
      return tagOf(v);
    }
  }

  @Test
  void boundedTimedSendGivesUpAndWithdrawsTheItem() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(1);
      sendFrom(a, ch, tagged(1, 8));
      CountingExporter e = new CountingExporter(2);
      assertFalse(a.call(() -> ch.send(e, Duration.ofMillis(30))));
      assertFalse(a.call(() -> ch.send(e, Duration.ZERO)));
      assertEquals(1, ch.size());
      assertEquals(1, a.liveShares());
      assertEquals(2, e.acquires.get());
      e.assertBalanced();
      assertEquals(List.of(a, a), e.releasedIn, "withdrawn exports are released in the sender");
      assertEquals(1, recvTag(ch));
      assertNull(ch.tryRecv(), "a timed-out item arrived anyway");
      assertNoLiveShares(a);
    }
  }

  @Test
  void boundedSendWaitsForRoomAndKeepsOrder() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(1);
      sendFrom(a, ch, tagged(1, 8));
      Started<Void> sender =
          start(
              "blocked-sender",
              () -> {
                sendFrom(a, ch, tagged(2, 8));
                return null;
              });
      sender.awaitParked();
      assertEquals(1, ch.size());
      assertEquals(1, b.call(() -> recvTag(ch)));
      outcome(sender);
      assertEquals(2, b.call(() -> recvTag(ch)));
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void timedSendSucceedsWhenRoomAppearsInTime() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(1);
      sendFrom(a, ch, tagged(1, 8));
      Started<Boolean> sender =
          start("timed-sender", () -> a.call(() -> ch.send(tagged(2, 8), Duration.ofSeconds(30))));
      sender.awaitParked();
      assertEquals(1, recvTag(ch));
      assertTrue(outcome(sender));
      assertEquals(2, recvTag(ch));
      assertNoLiveShares(a);
    }
  }

  @Test
  void recvWaitsForASend() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      for (MemChannel ch : List.of(MemChannel.create(), MemChannel.create(1))) {
        Started<Long> receiver = start("receiver", () -> b.call(() -> recvTag(ch)));
        receiver.awaitParked();
        sendFrom(a, ch, tagged(9, 8));
        assertEquals(9, outcome(receiver));
        Started<Long> timed =
            start(
                "timed-receiver",
                () ->
                    b.call(
                        () -> {
                          try (CrossInterpreterView v = ch.recv(Duration.ofSeconds(30))) {
                            return tagOf(v);
                          }
                        }));
        timed.awaitParked();
        sendFrom(a, ch, tagged(10, 8));
        assertEquals(10, outcome(timed));
      }
      assertNoLiveShares(a, b);
    }
  }

  // ------------------------------------------------------------------ rendezvous

  @Test
  void rendezvousSendReturnsOnlyOnceReceived() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      CountingExporter e = new CountingExporter(5);
      Started<Void> sender =
          start(
              "rendezvous-sender",
              () -> {
                sendFrom(a, ch, e);
                return null;
              });
      sender.awaitParked();
      assertEquals(1, ch.size(), "the waiting item is counted");
      assertFalse(sender.result().isDone());
      CrossInterpreterView v = recvIn(b, ch);
      outcome(sender);
      assertEquals(5, tagOf(v));
      assertEquals(0, ch.size());
      v.release();
      e.assertBalanced();
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void rendezvousTrySendNeedsAWaitingReceiver() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      CountingExporter e = new CountingExporter(6);
      assertFalse(a.call(() -> ch.trySend(e)), "nobody waits to receive");
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
      assertEquals(e.acquires.get(), e.releases.get());

      Started<Long> receiver = start("receiver", () -> b.call(() -> recvTag(ch)));
      receiver.awaitParked();
      await(() -> "trySend never met the waiting receiver", () -> {
        try {
          return a.call(() -> ch.trySend(e));
        } catch (Exception x) {
          throw new AssertionError(x);
        }
      });
      assertEquals(6, outcome(receiver));
      e.assertBalanced();
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void rendezvousTimedSendWithdrawsTheItemWhenNobodyCame() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      CountingExporter e = new CountingExporter(7);
      assertFalse(a.call(() -> ch.send(e, Duration.ofMillis(30))));
      assertFalse(a.call(() -> ch.send(e, Duration.ZERO)));
      assertEquals(0, ch.size());
      assertNull(ch.tryRecv(), "a withdrawn item was delivered");
      e.assertBalanced();
      assertEquals(List.of(a, a), e.releasedIn);
      assertNoLiveShares(a);
    }
  }

  @Test
  void rendezvousTimedSendSucceedsWhenReceivedInTime() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      Started<Boolean> sender =
          start("timed-sender", () -> a.call(() -> ch.send(tagged(8, 8), Duration.ofSeconds(30))));
      sender.awaitParked();
      assertEquals(8, recvTag(ch));
      assertTrue(outcome(sender));
      assertNoLiveShares(a);
    }
  }

  @Test
  void rendezvousSendersAreServedInOrder() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      Started<?>[] senders = new Started<?>[3];
      for (int i = 0; i < senders.length; i++) {
        long tag = i;
        senders[i] =
            start(
                "sender-" + i,
                () -> {
                  sendFrom(a, ch, tagged(tag, 8));
                  return null;
                });
        senders[i].awaitParked();
        int queued = i + 1;
        await(() -> "size " + ch.size(), () -> ch.size() == queued);
      }
      for (int i = 0; i < senders.length; i++) {
        assertEquals(i, recvTag(ch));
        outcome(senders[i]);
      }
      assertNoLiveShares(a);
    }
  }
}
