package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.failure;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** {@code closeSend}, {@code close} and {@code closeNow}, as CPython's channel close tests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemChannelClosingTest {

  private static long recvTag(MemChannel ch) throws InterruptedException {
    try (CrossInterpreterView v = ch.recv()) {
      return tagOf(v);
    }
  }

  private static void assertSendsRefused(Interpreter a, MemChannel ch) throws Exception {
    CountingExporter e = new CountingExporter(99);
    List<Executable> sends =
        List.of(
            () -> sendFrom(a, ch, e),
            () -> a.call(() -> ch.trySend(e)),
            () -> a.call(() -> ch.send(e, Duration.ofMillis(10))));
    long shares = a.liveShares();
    for (Executable send : sends) {
      ChannelClosedException x = assertThrows(ChannelClosedException.class, send);
      assertTrue(x.getMessage().contains("closed"), x.getMessage());
      assertTrue(x.getMessage().contains(ch.name()), "names the channel: " + x.getMessage());
    }
    assertEquals(shares, a.liveShares(), "a refused send pinned its buffer");
    e.assertBalanced();
  }

  private static void assertRecvsRefused(MemChannel ch) {
    for (Executable recv :
        List.<Executable>of(ch::recv, ch::tryRecv, () -> ch.recv(Duration.ofMillis(10)))) {
      ChannelClosedException x = assertThrows(ChannelClosedException.class, recv);
      assertTrue(x.getMessage().contains("closed"), x.getMessage());
    }
  }

  @Test
  void closeSendStillDeliversWhatWasSentThenCloses() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      for (MemChannel ch : List.of(MemChannel.create(), MemChannel.create(3))) {
        for (long i = 0; i < 3; i++) {
          sendFrom(a, ch, tagged(i, 8));
        }
        ch.closeSend();
        ch.closeSend(); // idempotent
        assertFalse(ch.isClosed(), "closed before drained");
        assertSendsRefused(a, ch);
        assertEquals(3, ch.size());
        assertEquals(0, b.call(() -> recvTag(ch)));
        assertEquals(1, b.call(() -> recvTag(ch)));
        assertFalse(ch.isClosed());
        assertEquals(2, b.call(() -> recvTag(ch)));
        assertTrue(ch.isClosed(), "closed once drained");
        assertRecvsRefused(ch);
        ch.close(); // idempotent on a closed channel
      }
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void closeSendOnAnEmptyChannelClosesItAndWakesReceivers() throws Exception {
    try (Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      Started<CrossInterpreterView> receiver = start("receiver", () -> recvIn(b, ch));
      receiver.awaitParked();
      ch.closeSend();
      assertTrue(ch.isClosed());
      failure(receiver, ChannelClosedException.class);
      assertRecvsRefused(ch);
    }
  }

  @Test
  void closeSendMakesWaitingSendersGiveUp() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(1);
      sendFrom(a, ch, tagged(1, 8));
      CountingExporter waiting = new CountingExporter(2);
      Started<Void> sender =
          start(
              "waiting-sender",
              () -> {
                sendFrom(a, ch, waiting);
                return null;
              });
      sender.awaitParked();
      ch.closeSend();
      failure(sender, ChannelClosedException.class);
      waiting.assertBalanced();
      assertEquals(1, ch.size());
      assertEquals(1, recvTag(ch), "the item sent before closeSend is delivered");
      assertTrue(ch.isClosed());
      assertNoLiveShares(a);
    }
  }

  @Test
  void closeSendOfARendezvousStillDeliversTheWaitingItem() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      Started<Void> sender =
          start(
              "rendezvous-sender",
              () -> {
                sendFrom(a, ch, tagged(3, 8));
                return null;
              });
      sender.awaitParked();
      ch.closeSend();
      assertFalse(ch.isClosed());
      assertEquals(3, recvTag(ch));
      outcome(sender);
      assertTrue(ch.isClosed());
      assertNoLiveShares(a);
    }
  }

  @Test
  void closeOfAnEmptyChannelIsIdempotentAndRefusesEverythingAfter() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      for (MemChannel ch : List.of(MemChannel.create(), MemChannel.create(2), MemChannel.create(0))) {
        ch.close();
        ch.close();
        assertTrue(ch.isClosed());
        assertSendsRefused(a, ch);
        assertRecvsRefused(ch);
        ch.closeSend();
        assertEquals(List.of(), ch.closeNow());
        assertEquals(0, ch.size());
      }
      assertNoLiveShares(a);
    }
  }

  @Test
  void closeWakesWaitingReceivers() throws Exception {
    try (Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      Started<CrossInterpreterView> r1 = start("r1", () -> recvIn(b, ch));
      Started<CrossInterpreterView> r2 =
          start("r2", () -> b.call(() -> ch.recv(Duration.ofSeconds(60))));
      r1.awaitParked();
      r2.awaitParked();
      ch.close();
      failure(r1, ChannelClosedException.class);
      failure(r2, ChannelClosedException.class);
    }
  }

  @Test
  void closeWithItemsRefusesAndChangesNothing() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(4);
      sendFrom(a, ch, tagged(1, 8));
      sendFrom(a, ch, tagged(2, 8));
      ChannelNotEmptyException x = assertThrows(ChannelNotEmptyException.class, ch::close);
      assertTrue(x.getMessage().contains("2 item"), x.getMessage());
      assertTrue(x.getMessage().contains("closeNow()"), "names the fix: " + x.getMessage());
      assertFalse(ch.isClosed());
      assertEquals(2, ch.size());
      assertEquals(2, a.liveShares());
      sendFrom(a, ch, tagged(3, 8)); // still open for sending
      assertEquals(List.of(1L, 2L, 3L), List.of(recvTag(ch), recvTag(ch), recvTag(ch)));
      ch.close();
      assertTrue(ch.isClosed());
      assertNoLiveShares(a);
    }
  }

  @Test
  void closeNowHandsOverEveryUndeliveredItemAsAView() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(2);
      sendFrom(a, ch, tagged(1, 8));
      sendFrom(a, ch, e);
      sendFrom(a, ch, new byte[] {3, 0, 0, 0, 0, 0, 0, 0});
      List<CrossInterpreterView> left = b.call(ch::closeNow);
      assertTrue(ch.isClosed());
      assertEquals(0, ch.size());
      assertEquals(3, left.size());
      assertEquals(
          List.of((byte) 1, (byte) 2, (byte) 3),
          left.stream().map(v -> v.segment().get(ValueLayout.JAVA_BYTE, 0)).toList(),
          "oldest first");
      assertEquals(3, a.liveShares(), "the returned views still pin their exports");
      for (CrossInterpreterView v : left) {
        assertEquals(a, v.origin());
        v.release();
      }
      e.assertBalanced();
      assertSendsRefused(a, ch);
      assertRecvsRefused(ch);
      assertEquals(List.of(), ch.closeNow());
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void closeNowWakesWaitingReceiversAndSenders() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel empty = MemChannel.create();
      Started<CrossInterpreterView> receiver = start("receiver", () -> recvIn(b, empty));
      receiver.awaitParked();
      assertEquals(List.of(), empty.closeNow());
      failure(receiver, ChannelClosedException.class);

      MemChannel full = MemChannel.create(1);
      sendFrom(a, full, tagged(1, 8));
      CountingExporter waiting = new CountingExporter(2);
      Started<Void> sender =
          start(
              "sender",
              () -> {
                sendFrom(a, full, waiting);
                return null;
              });
      sender.awaitParked();
      List<CrossInterpreterView> left = full.closeNow();
      failure(sender, ChannelClosedException.class);
      waiting.assertBalanced();
      assertEquals(1, left.size());
      assertEquals(1, tagOf(left.get(0)));
      left.get(0).release();
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void closeNowReceivesWaitingRendezvousItemsAndTheirSendersReturn() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      Started<Void> sender =
          start(
              "rendezvous-sender",
              () -> {
                sendFrom(a, ch, tagged(4, 8));
                return null;
              });
      sender.awaitParked();
      List<CrossInterpreterView> left = ch.closeNow();
      outcome(sender); // it no longer owns the item: received by closeNow's caller
      assertEquals(1, left.size());
      assertEquals(4, tagOf(left.get(0)));
      left.get(0).release();
      assertNoLiveShares(a);
    }
  }
}
