package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.ItemInterpreterClosedException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.junit.jupiter.api.Test;

/**
 * The channel operations of DESIGN §2 on an ObjChannel, with values and proxies (after CPython's
 * test_interpreters test_queues and test_channels).
 */
class ObjChannelOpsTest extends ObjTestSupport {
  private static final Duration SHORT = Duration.ofMillis(30);

  /** Runs {@code task} in {@code in} on a new thread. */
  static <T> Submitted<T> async(Interpreter in, java.util.concurrent.Callable<T> task) {
    return submitTo(in, task);
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    try {
      return f.get(30, TimeUnit.SECONDS); // a watchdog, not a timing assertion
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  /**
   * Waits until {@code f}'s thread is parked in the channel operation {@code op} ({@code "send"},
   * {@code "recv"}), then asserts that it is still waiting a moment later: it may not finish on
   * its own.
   */
  static void assertStillWaiting(Submitted<?> f, String op) throws InterruptedException {
    awaitParkedIn(f, "ObjChannel." + op, CHANNEL_WAIT);
    // The state is reached; the grace period only gives a wrong wake-up (a waiter that returns
    // although nothing changed) the chance to show. It is not needed to reach the state.
    Thread.sleep(50);
    assertFalse(f.isDone(), "should still be waiting");
  }

  @Test
  void itemsArriveInOrderEachByItsRule() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.call(
        () -> {
          ch.send("first");
          ch.send(box);
          ch.send(new int[] {3});
          ch.send(4L);
          return null;
        });
    assertEquals(4, ch.size());
    b.run(
        () -> {
          try {
            assertEquals("first", ch.recv());
            Object p = ch.recv();
            assertTrue(Proxies.isProxy(p));
            assertEquals(3, ((int[]) ch.recv())[0]);
            assertEquals(4L, ch.tryRecv());
            assertNull(ch.tryRecv(), "empty");
            assertNull(ch.recv(SHORT), "empty after the timeout");
            Proxies.release(p);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        });
    assertEquals(0, ch.size());
  }

  @Test
  void aBoundedChannelRefusesOrWaitsWhenFullAndAnItemNotSentPinsNothing() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create(2);
    assertEquals(2, ch.capacity());
    BoxImpl one = a.call(BoxImpl::new);
    BoxImpl two = a.call(BoxImpl::new);
    BoxImpl three = a.call(BoxImpl::new);
    a.call(
        () -> {
          assertTrue(ch.trySend(one));
          assertTrue(ch.send(two, SHORT));
          assertFalse(ch.trySend(three), "full");
          assertFalse(ch.send(three, SHORT), "full until the timeout");
          return null;
        });
    assertEquals(2, ch.size());
    assertEquals(2, a.liveShares(), "the refused item holds no share");
    Submitted<Void> blocked =
        async(
            a,
            () -> {
              ch.send(three);
              return null;
            });
    assertStillWaiting(blocked, "send");
    Box first = b.call(() -> ch.recv(Box.class));
    await(blocked); // room was made: the waiting send went through
    assertEquals(2, ch.size());
    Box second = b.call(() -> ch.recv(Box.class));
    Box third = b.call(() -> ch.recv(Box.class));
    b.run(
        () -> {
          first.set(1);
          second.set(2);
          third.set(3);
        });
    assertEquals(List.of(1, 2, 3), List.of(one.get(), two.get(), three.get()), "FIFO");
    for (Box p : List.of(first, second, third)) {
      Proxies.release(p);
    }
  }

  @Test
  void aRendezvousSendReturnsOnceReceived() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create(0);
    BoxImpl box = a.call(BoxImpl::new);
    assertFalse(a.call(() -> ch.trySend(box)), "nobody is receiving");
    assertFalse(a.call(() -> ch.send(box, SHORT)), "withdrawn at the timeout");
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares());
    Submitted<Void> sender =
        async(
            a,
            () -> {
              ch.send(box);
              return null;
            });
    assertStillWaiting(sender, "send");
    Box p = b.call(() -> ch.recv(Box.class));
    await(sender);
    b.run(() -> p.set("received"));
    assertEquals("received", box.get());
    // a receiver waiting first makes trySend succeed
    CompletableFuture<Object> receiver = async(b, ch::recv);
    while (!a.call(() -> ch.trySend("handed over"))) {
      Thread.onSpinWait(); // until the receiver is waiting
    }
    assertEquals("handed over", await(receiver));
    Proxies.release(p);
  }

  @Test
  void timeoutsAndCapacitiesAreChecked() throws Exception {
    ObjChannel ch = ObjChannel.create(1);
    ch.send("kept");
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> ch.send("x", Duration.ofMillis(-1)));
    assertTrue(negative.getMessage().contains("Duration.ZERO"), negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ch.recv(Duration.ofSeconds(-1)));
    assertEquals(1, ch.size(), "nothing changed");
    IllegalArgumentException capacity =
        assertThrows(IllegalArgumentException.class, () -> ObjChannel.create(-1));
    assertTrue(capacity.getMessage().contains("-1"), capacity.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ObjChannel.builder().capacity(-5));
    assertEquals("kept", ch.recv(Duration.ZERO));
  }

  @Test
  void nullIsRefusedAndNothingChanges() throws Exception {
    ObjChannel ch = ObjChannel.create();
    ch.send("kept");
    assertThrows(NullPointerException.class, () -> ch.send(null));
    assertThrows(NullPointerException.class, () -> ch.send(null, SHORT));
    assertThrows(NullPointerException.class, () -> ch.trySend(null));
    assertThrows(NullPointerException.class, () -> ch.recv((Class<?>) null));
    assertThrows(NullPointerException.class, () -> ch.recv((Duration) null));
    assertThrows(NullPointerException.class, () -> ObjChannel.builder().unboundPolicy(null));
    assertThrows(NullPointerException.class, () -> ObjChannel.builder().name(null));
    assertEquals(1, ch.size());
    assertEquals("kept", ch.recv());
  }

  @Test
  void recvOfTheWrongTypeLeavesTheItemFirstInTheChannel() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.call(
        () -> {
          ch.send(box);
          ch.send("second");
          return null;
        });
    long shares = a.liveShares();
    ClassCastException e =
        assertThrows(ClassCastException.class, () -> b.call(() -> ch.recv(String.class)));
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    assertTrue(e.getMessage().contains(Box.class.getName()), "says what it is: " + e.getMessage());
    assertTrue(e.getMessage().contains("recv()"), "says the fix: " + e.getMessage());
    // a proxy implements the interfaces, not the class
    assertThrows(ClassCastException.class, () -> b.call(() -> ch.recv(BoxImpl.class)));
    assertEquals(2, ch.size(), "nothing consumed");
    assertEquals(shares, a.liveShares(), "nothing released");
    // at home the item arrives as the original object, so its class is right there
    assertSame(box, a.call(() -> ch.recv(BoxImpl.class)));
    assertThrows(ClassCastException.class, () -> ch.recv(Integer.class));
    assertEquals("second", ch.recv(CharSequence.class));
  }

  @Test
  void closeSendDeliversWhatWasSentThenCloses() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.run(() -> sendUnchecked(ch, box));
    ch.closeSend();
    assertFalse(ch.isClosed(), "not drained yet");
    ChannelClosedException refused =
        assertThrows(ChannelClosedException.class, () -> a.run(() -> sendUnchecked(ch, box)));
    assertTrue(refused.getMessage().contains(ch.name()), refused.getMessage());
    assertEquals(1, a.liveShares(), "the refused send released its share");
    assertThrows(ChannelClosedException.class, () -> ch.trySend("late"));
    Box p = b.call(() -> ch.recv(Box.class));
    assertTrue(ch.isClosed(), "drained");
    assertThrows(ChannelClosedException.class, () -> b.call(ch::recv));
    assertThrows(ChannelClosedException.class, ch::tryRecv);
    Proxies.release(p);
  }

  @Test
  void closeRefusesWhileItemsArePendingAndWakesWaitingReceivers() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    a.run(() -> sendUnchecked(ch, new BoxImpl()));
    ChannelNotEmptyException e = assertThrows(ChannelNotEmptyException.class, ch::close);
    assertTrue(e.getMessage().contains("closeNow"), e.getMessage());
    assertEquals(1, ch.size());
    assertFalse(ch.isClosed());
    assertEquals(1, a.liveShares(), "nothing changed");
    Object p = b.call(ch::recv);
    Proxies.release(p);
    Submitted<Object> waiting = async(b, ch::recv);
    assertStillWaiting(waiting, "recv");
    ch.close();
    ch.close(); // idempotent
    assertInstanceOf(ChannelClosedException.class, assertThrows(Exception.class, () -> await(waiting)));
    assertTrue(ch.isClosed());
  }

  @Test
  void closeNowHandsTheItemsToTheCallerAsReceivedAndFailsWaitingSenders() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create(2);
    BoxImpl box = a.call(BoxImpl::new);
    a.call(
        () -> {
          ch.send(box);
          ch.send("value");
          return null;
        });
    Submitted<Void> blocked =
        async(
            a,
            () -> {
              ch.send(new BoxImpl()); // waits: full
              return null;
            });
    assertStillWaiting(blocked, "send");
    List<Object> items = b.call(ch::closeNow);
    assertEquals(2, items.size());
    assertTrue(Proxies.isProxy(items.get(0)), "unpacked in the caller, b: a proxy");
    assertEquals("value", items.get(1));
    assertInstanceOf(ChannelClosedException.class, assertThrows(Exception.class, () -> await(blocked)));
    assertTrue(ch.isClosed());
    assertEquals(List.of(), ch.closeNow());
    assertEquals(1, a.liveShares(), "the proxy b got; the failed send released its share");
    Proxies.release(items.get(0));
    // closeNow in the owner hands back the original object
    ObjChannel other = ObjChannel.create();
    a.run(() -> sendUnchecked(other, box));
    assertSame(box, a.call(other::closeNow).get(0));
  }

  @Test
  void aRendezvousItemTakenByCloseNowCountsAsReceived() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create(0);
    CompletableFuture<Void> sender =
        async(
            a,
            () -> {
              ch.send(new BoxImpl());
              return null;
            });
    while (ch.size() == 0) {
      Thread.onSpinWait();
    }
    List<Object> items = ch.closeNow();
    await(sender); // returns normally: the item was received by closeNow's caller
    assertEquals(1, items.size());
    Proxies.release(items.get(0));
  }

  @Test
  void unboundDeliverHandsOverItemsOfAClosedInterpreterWhoseProxiesThrow() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    assertSame(UnboundPolicy.DELIVER, ch.unboundPolicy(), "the default");
    a.call(
        () -> {
          ch.send(new BoxImpl());
          ch.send("value");
          ch.send(new int[] {1});
          return null;
        });
    a.close();
    assertEquals(3, ch.size());
    Box p = b.call(() -> ch.recv(Box.class));
    assertThrows(InterpreterClosedException.class, () -> b.call(p::get));
    assertEquals("value", b.call(ch::recv));
    assertEquals(1, ((int[]) b.call(ch::recv))[0]);
    Proxies.release(p);
    assertEquals(0, a.liveShares());
  }

  @Test
  void unboundErrorConsumesTheItemAndThrowsButDeliversValues() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.builder().unboundPolicy(UnboundPolicy.ERROR).build();
    a.call(
        () -> {
          ch.send(new BoxImpl());
          ch.send("value");
          ch.send(new int[] {1});
          return null;
        });
    a.close();
    ItemInterpreterClosedException e =
        assertThrows(ItemInterpreterClosedException.class, () -> b.call(ch::recv));
    assertTrue(e.getMessage().contains("DELIVER"), "says the fix: " + e.getMessage());
    assertEquals(2, ch.size(), "consumed");
    assertEquals(0, a.liveShares(), "and its share released");
    assertEquals("value", b.call(ch::recv), "values are bound to no interpreter");
    assertThrows(ItemInterpreterClosedException.class, () -> b.call(ch::recv), "a copy is bound");
    assertEquals(0, ch.size());
  }

  @Test
  void unboundRemoveDropsTheItemsOfAClosedInterpreterAtOnce() throws Exception {
    Interpreter a = interp("a");
    Interpreter c = interp("c");
    ObjChannel ch = ObjChannel.builder().unboundPolicy(UnboundPolicy.REMOVE).build();
    a.call(
        () -> {
          ch.send(new BoxImpl());
          ch.send("value");
          ch.send(new int[] {1});
          return null;
        });
    c.run(() -> sendUnchecked(ch, new BoxImpl()));
    assertEquals(4, ch.size());
    assertEquals(1, a.liveShares());
    a.close();
    assertEquals(2, ch.size(), "a's proxy and copy were removed");
    assertEquals(0, a.liveShares(), "and released");
    assertEquals("value", ch.recv());
    Object fromC = ch.recv();
    assertSame(c, Proxies.owner(fromC));
    Proxies.release(fromC);
  }

  @Test
  void interruptedOperationsChangeNothing() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create(1);
    ch.send("fill");
    BoxImpl box = a.call(BoxImpl::new);
    Thread.currentThread().interrupt();
    assertThrows(
        InterruptedException.class,
        () ->
            a.call(
                () -> {
                  ch.send(box);
                  return null;
                }));
    assertEquals(0, a.liveShares(), "the interrupted send released its share");
    assertEquals(1, ch.size());
    assertEquals("fill", ch.recv());
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, ch::recv);
    assertFalse(Thread.interrupted());
  }

  @Test
  void recvOfAPrimitiveClassReceivesItsWrapper() throws Exception {
    ObjChannel ch = ObjChannel.create();
    ch.send(7);
    ch.send("not an int");
    int seven = ch.recv(int.class);
    assertEquals(7, seven);
    assertThrows(ClassCastException.class, () -> ch.recv(int.class));
    assertEquals(1, ch.size());
  }

  @Test
  void aChannelDroppedWithItemsReleasesTheirShares() throws Exception {
    Interpreter a = interp("a");
    WeakReference<ObjChannel> dropped =
        a.call(
            () -> {
              ObjChannel ch = ObjChannel.create();
              ch.send(new BoxImpl());
              ch.send(new BoxImpl());
              return new WeakReference<>(ch);
            });
    assertEquals(2, a.liveShares(), "items in flight pin their objects");
    awaitGc(
        () -> dropped.get() == null && a.liveShares() == 0,
        () -> "the items of a collected channel should be released: " + a.liveShares());
  }

  @Test
  void builderNamesAndIdentifiesChannels() {
    ObjChannel named =
        ObjChannel.builder().name("jobs").capacity(3).unboundPolicy(UnboundPolicy.REMOVE).build();
    assertEquals("jobs", named.name());
    assertEquals(3, named.capacity());
    assertSame(UnboundPolicy.REMOVE, named.unboundPolicy());
    assertTrue(named.toString().contains("jobs"), named.toString());
    ObjChannel unbounded = ObjChannel.create();
    assertEquals(Integer.MAX_VALUE, unbounded.capacity());
    assertNotEquals(named.id(), unbounded.id());
    assertTrue(unbounded.name().contains(Long.toString(unbounded.id())), unbounded.name());
  }
}
