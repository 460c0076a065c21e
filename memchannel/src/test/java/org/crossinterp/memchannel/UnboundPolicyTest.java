package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.ItemInterpreterClosedException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Items whose sending interpreter is closed while they are queued (CPython 3.14's unbound
 * items): delivered, refused on receipt, or dropped at close, by the channel's policy.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnboundPolicyTest {

  /** Interpreters a test closes itself; closed here too in case the test failed before. */
  private final List<Interpreter> created = new ArrayList<>();

  private Interpreter closedLater(String name) {
    Interpreter i = Interpreter.create(name);
    created.add(i);
    return i;
  }

  @AfterEach
  void closeCreated() {
    created.forEach(Interpreter::close);
  }

  private static MemChannel channel(UnboundPolicy p) {
    return MemChannel.builder().unboundPolicy(p).build();
  }

  @Test
  void deliverKeepsTheMemoryReadableAndReleasesInTheClosedOrigin() throws Exception {
    try (Interpreter b = Interpreter.create("reader")) {
      MemChannel ch = channel(UnboundPolicy.DELIVER);
      CountingExporter e = new CountingExporter(1);
      Interpreter a = closedLater("closing");
      SharedBuffer sb = a.call(() -> SharedBuffer.allocate(4));
      sb.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 2);
      sendFrom(a, ch, e);
      sendFrom(a, ch, sb);
      sendFrom(a, ch, tagged(3, 8));
      sb.close(); // deferred: exported
      a.close();
      assertTrue(a.isClosed());
      assertEquals(3, ch.size());
      assertEquals(3, a.liveShares(), "the queued items still pin the closed interpreter");

      CrossInterpreterView v1 = recvIn(b, ch);
      CrossInterpreterView v2 = recvIn(b, ch);
      CrossInterpreterView v3 = recvIn(b, ch);
      assertEquals(1, tagOf(v1));
      assertArrayEquals(new byte[] {2, 0, 0, 0}, v2.toByteArray(), "memory freed under a reader");
      assertEquals(3, tagOf(v3));
      assertEquals(a, v1.origin());
      for (CrossInterpreterView v : List.of(v1, v2, v3)) {
        v.release();
      }
      e.assertBalanced();
      assertEquals(List.of(a), e.releasedIn, "the release still runs in its origin, closed or not");
      assertEquals(0, sb.exports());
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void errorRefusesEachUnboundItemOnceAndConsumesIt() throws Exception {
    try (Interpreter b = Interpreter.create(); Interpreter c = Interpreter.create("open")) {
      MemChannel ch = channel(UnboundPolicy.ERROR);
      Interpreter a = closedLater("gone");
      CountingExporter e1 = new CountingExporter(1);
      CountingExporter e3 = new CountingExporter(3);
      sendFrom(a, ch, e1);
      sendFrom(c, ch, tagged(2, 8));
      sendFrom(a, ch, e3);
      a.close();
      assertEquals(3, ch.size(), "ERROR keeps the items until they are received");

      ItemInterpreterClosedException x =
          assertThrows(ItemInterpreterClosedException.class, () -> recvIn(b, ch));
      assertTrue(x.getMessage().contains("gone"), "names the interpreter: " + x.getMessage());
      assertTrue(x.getMessage().contains("DELIVER"), "names the fix: " + x.getMessage());
      assertEquals(2, ch.size(), "the refused item was consumed");
      e1.assertBalanced();

      try (CrossInterpreterView v = recvIn(b, ch)) {
        assertEquals(2, tagOf(v), "items of open interpreters are delivered");
      }
      assertThrows(ItemInterpreterClosedException.class, ch::tryRecv);
      e3.assertBalanced();
      assertEquals(0, ch.size());
      assertNull(ch.tryRecv());
      assertNoLiveShares(a, b, c);
    }
  }

  @Test
  void errorAppliesToTimedReceivesToo() throws Exception {
    MemChannel ch = channel(UnboundPolicy.ERROR);
    Interpreter a = closedLater("closing");
    sendFrom(a, ch, tagged(1, 8));
    a.close();
    assertThrows(ItemInterpreterClosedException.class, () -> ch.recv(Duration.ofSeconds(5)));
    assertNull(ch.recv(Duration.ofMillis(10)));
    assertNoLiveShares(a);
  }

  @Test
  void removeDropsTheItemsAtCloseTime() throws Exception {
    try (Interpreter b = Interpreter.create(); Interpreter c = Interpreter.create()) {
      MemChannel ch = channel(UnboundPolicy.REMOVE);
      MemChannel other = channel(UnboundPolicy.REMOVE);
      Interpreter a = closedLater("closing");
      CountingExporter e1 = new CountingExporter(1);
      SharedBuffer sb = a.call(() -> SharedBuffer.allocate(4));
      sendFrom(a, ch, e1);
      sendFrom(c, ch, tagged(2, 8));
      sendFrom(a, ch, sb);
      sendFrom(c, other, tagged(4, 8));
      assertEquals(3, ch.size());
      a.close();
      assertEquals(1, ch.size(), "REMOVE drops the closed interpreter's items at once");
      assertEquals(1, other.size());
      e1.assertBalanced();
      assertEquals(0, sb.exports());
      assertEquals(0, a.liveShares());
      assertEquals(2, c.liveShares(), "other interpreters' items are untouched");
      try (CrossInterpreterView v = recvIn(b, ch)) {
        assertEquals(2, tagOf(v));
      }
      assertNull(ch.tryRecv());
      other.tryRecv().release();
      sb.close();
      assertNoLiveShares(a, b, c);
    }
  }

  @Test
  void removeMakesRoomForWaitingSenders() throws Exception {
    try (Interpreter c = Interpreter.create()) {
      MemChannel ch = MemChannel.builder().capacity(1).unboundPolicy(UnboundPolicy.REMOVE).build();
      Interpreter a = closedLater("closing");
      sendFrom(a, ch, tagged(1, 8));
      Started<Void> sender =
          start(
              "waiting-sender",
              () -> {
                sendFrom(c, ch, tagged(2, 8));
                return null;
              });
      sender.awaitParked();
      a.close();
      outcome(sender);
      try (CrossInterpreterView v = ch.recv()) {
        assertEquals(2, tagOf(v));
      }
      assertNoLiveShares(a, c);
    }
  }

  @Test
  void removeClosesASendClosedChannelThatItEmpties() throws Exception {
    MemChannel ch = channel(UnboundPolicy.REMOVE);
    Interpreter a = closedLater("closing");
    sendFrom(a, ch, tagged(1, 8));
    ch.closeSend();
    assertTrue(!ch.isClosed());
    a.close();
    assertEquals(0, ch.size());
    assertTrue(ch.isClosed());
    assertNoLiveShares(a);
  }

  @Test
  void closeNowHandsOverUnboundItemsWhateverThePolicy() throws Exception {
    for (UnboundPolicy p : List.of(UnboundPolicy.DELIVER, UnboundPolicy.ERROR)) {
      MemChannel ch = channel(p);
      Interpreter a = closedLater("closing");
      sendFrom(a, ch, tagged(1, 8));
      a.close();
      List<CrossInterpreterView> left = ch.closeNow();
      assertEquals(1, left.size(), p.toString());
      assertEquals(1, tagOf(left.get(0)));
      left.get(0).release();
      assertNoLiveShares(a);
    }
  }
}
