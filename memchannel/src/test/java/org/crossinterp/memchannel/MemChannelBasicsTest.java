package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.crossinterp.Channel;
import org.crossinterp.Interpreter;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Creation, ids, capacities, sizes and argument checks of {@link MemChannel}. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemChannelBasicsTest {

  @Test
  void capacitiesOfTheThreeKinds() {
    MemChannel unbounded = MemChannel.create();
    MemChannel bounded = MemChannel.create(3);
    MemChannel rendezvous = MemChannel.create(0);
    assertEquals(Integer.MAX_VALUE, unbounded.capacity());
    assertEquals(3, bounded.capacity());
    assertEquals(0, rendezvous.capacity());
    for (MemChannel c : List.of(unbounded, bounded, rendezvous)) {
      assertEquals(0, c.size());
      assertFalse(c.isClosed());
      assertEquals(UnboundPolicy.DELIVER, c.unboundPolicy(), "DELIVER is the default");
      assertEquals("channel-" + c.id(), c.name());
      assertTrue(c.toString().contains(c.name()), c.toString());
    }
    Channel<Object, CrossInterpreterView> asInterface = unbounded;
    assertEquals(unbounded.id(), asInterface.id());
  }

  @Test
  void builderSetsCapacityPolicyAndName() {
    MemChannel c =
        MemChannel.builder().capacity(7).unboundPolicy(UnboundPolicy.REMOVE).name("pipe").build();
    assertEquals(7, c.capacity());
    assertEquals(UnboundPolicy.REMOVE, c.unboundPolicy());
    assertEquals("pipe", c.name());
    assertTrue(c.toString().contains("pipe"));
    MemChannel.Builder base = MemChannel.builder();
    base.capacity(1); // builders are immutable
    assertEquals(Integer.MAX_VALUE, base.build().capacity());
    assertThrows(NullPointerException.class, () -> base.name(null));
    assertThrows(NullPointerException.class, () -> base.unboundPolicy(null));
  }

  @Test
  void idsAreSequentialAndNeverReused() {
    MemChannel a = MemChannel.create();
    MemChannel b = MemChannel.create(1);
    MemChannel c = MemChannel.builder().build();
    assertEquals(a.id() + 1, b.id());
    assertEquals(b.id() + 1, c.id());
    a.close();
    assertEquals(c.id() + 1, MemChannel.create().id());
  }

  @Test
  void negativeCapacityIsRefused() {
    for (Executable e :
        List.<Executable>of(() -> MemChannel.create(-1), () -> MemChannel.builder().capacity(-1))) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
      assertTrue(x.getMessage().contains("capacity"), x.getMessage());
      assertTrue(x.getMessage().contains("-1"), x.getMessage());
      assertTrue(x.getMessage().contains("unbounded"), "names the fix: " + x.getMessage());
    }
  }

  @Test
  void negativeTimeoutsAreRefusedBeforeAnythingIsExported() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(1);
      sendFrom(a, ch, new byte[] {1});
      CountingExporter e = new CountingExporter(2);
      Duration negative = Duration.ofMillis(-1);
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> a.call(() -> ch.send(e, negative)));
      assertTrue(x.getMessage().contains("negative"), x.getMessage());
      assertTrue(x.getMessage().contains("Duration.ZERO"), "names the fix: " + x.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ch.recv(negative));
      assertThrows(NullPointerException.class, () -> ch.recv(null));
      assertThrows(NullPointerException.class, () -> ch.send(e, null));
      assertEquals(0, e.acquires.get());
      assertEquals(1, ch.size(), "the queued item is untouched");
      assertEquals(1, a.liveShares());
      ch.recv().release();
      assertNoLiveShares(a);
    }
  }

  @Test
  void unboundedNeverFillsAndSizeCounts() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      for (int i = 0; i < 1000; i++) {
        byte[] item = {(byte) i};
        boolean nowait = i % 2 == 0;
        assertTrue(a.call(() -> nowait ? ch.trySend(item) : ch.send(item, Duration.ZERO)));
      }
      assertEquals(1000, ch.size());
      assertEquals(1000, a.liveShares());
      for (int i = 0; i < 1000; i++) {
        ch.tryRecv().release();
        assertEquals(999 - i, ch.size());
      }
      assertNull(ch.tryRecv());
      assertNoLiveShares(a);
    }
  }

  @Test
  void emptyChannelsReturnNullWithoutWaitingWhenAsked() throws Exception {
    for (MemChannel ch : List.of(MemChannel.create(), MemChannel.create(2), MemChannel.create(0))) {
      assertNull(ch.tryRecv());
      assertNull(ch.recv(Duration.ZERO));
      assertNull(ch.recv(Duration.ofMillis(20)));
      assertEquals(0, ch.size());
      assertFalse(ch.isClosed());
    }
  }

  @Test
  void hugeTimeoutsAreFine() throws Exception {
    MemChannel ch = MemChannel.create();
    ch.send(new byte[] {5}, Duration.ofSeconds(Long.MAX_VALUE));
    try (CrossInterpreterView v = ch.recv(Duration.ofSeconds(Long.MAX_VALUE))) {
      assertEquals(5, v.toByteArray()[0]);
    }
  }

  @Test
  void sendingFromMainWorksLikeAnyInterpreter() throws Exception {
    MemChannel ch = MemChannel.create();
    long before = Interpreter.main().liveShares();
    ch.send(TestSupport.tagged(77, 8));
    assertEquals(before + 1, Interpreter.main().liveShares());
    try (CrossInterpreterView v = ch.recv()) {
      assertEquals(Interpreter.main(), v.origin());
      assertEquals(77, tagOf(v));
    }
    assertEquals(before, Interpreter.main().liveShares());
  }
}
