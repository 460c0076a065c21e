package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.Fragile;
import org.crossinterp.objchannel.Fixtures.Money;
import org.crossinterp.objchannel.Fixtures.WithBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rule for a receive that fails while unpacking (a proxy whose constructor throws, an
 * {@code unshare} that throws): the item is consumed, every share it held is released at once
 * (nothing pinned, nothing left to the collector), the failure reaches the receiver unchanged,
 * and the channel, and the proxies the receiver held before, stay as they were. The same holds
 * for the arguments and results of proxy calls and for {@code Proxies.share}.
 *
 * <p>The shares are checked right after the failure, without running the collector: a release
 * left to the {@code Cleaner} would be a leak for as long as the receiver's garbage lives.
 */
class UnpackFailureTest extends ObjTestSupport {

  @AfterEach
  void unregisterSharers() {
    Shareables.unregister(Money.class);
    Shareables.unregister(WithBuilder.class);
  }

  /** Makes a {@link Fragile} in {@code owner} and sends it over {@code ch}. */
  private static void sendFragile(Interpreter owner, ObjChannel ch) {
    owner.run(() -> sendUnchecked(ch, new Fragile("f")));
  }

  private static void assertRefusal(IllegalStateException e) {
    assertEquals(Fragile.REFUSAL, e.getMessage(), "the constructor's own exception, unchanged");
  }

  /** The channel still works after the failure: the next item arrives, nothing else queued. */
  private static void assertStillUsable(ObjChannel ch, Interpreter sender, Interpreter receiver)
      throws Exception {
    sender.run(() -> sendUnchecked(ch, "next"));
    assertEquals("next", receiver.call(ch::recv));
    assertEquals(0, ch.size());
  }

  @Test
  void aProxyThatCannotBeCreatedReleasesItsShare() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    sendFragile(a, ch);
    assertEquals(1, a.liveShares(), "the item in flight");
    assertRefusal(assertThrows(IllegalStateException.class, () -> b.call(ch::recv)));
    assertEquals(0, a.liveShares(), "the share the proxy would have taken over");
    assertStillUsable(ch, a, b);
  }

  @Test
  void aProxyThatCannotBeCreatedReleasesItsShareWhenReceivedAsItsClass() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    sendFragile(a, ch);
    assertRefusal(
        assertThrows(IllegalStateException.class, () -> b.call(() -> ch.recv(Fragile.class))));
    assertEquals(0, a.liveShares());
    assertStillUsable(ch, a, b);
  }

  @Test
  void aProxyThatCannotBeCreatedByShareReleasesItsShare() throws Exception {
    Interpreter a = interp("a");
    assertRefusal(
        assertThrows(
            IllegalStateException.class,
            () -> a.call(() -> Proxies.share(new Fragile("f"), Fragile.class))));
    assertEquals(0, a.liveShares());
  }

  @Test
  void anArrayWithAnElementThatCannotArriveReleasesEveryElement() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    a.run(
        () ->
            sendUnchecked(
                ch,
                new Object[] {
                  new BoxImpl("first"), "text", new Fragile("f"), new BoxImpl("last")
                }));
    assertEquals(3, a.liveShares(), "two boxes and the fragile object in flight");
    assertRefusal(assertThrows(IllegalStateException.class, () -> b.call(ch::recv)));
    assertEquals(0, a.liveShares(), "the elements unpacked before, the failed one, and the rest");
    assertStillUsable(ch, a, b);
  }

  @Test
  void aNestedArrayWithAnElementThatCannotArriveReleasesEveryElement() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    a.run(
        () ->
            sendUnchecked(
                ch,
                new Object[][] {
                  {new BoxImpl("before")},
                  {new BoxImpl("beside"), new Fragile("f")},
                  {new BoxImpl()}
                }));
    assertEquals(4, a.liveShares());
    assertRefusal(assertThrows(IllegalStateException.class, () -> b.call(ch::recv)));
    assertEquals(0, a.liveShares());
    assertStillUsable(ch, a, b);
  }

  @Test
  void proxiesTheReceiverHeldBeforeKeepTheirCountWhenAnArrayFails() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = new BoxImpl("kept");
    a.run(() -> sendUnchecked(ch, box));
    Box held = b.call(() -> ch.recv(Box.class));
    a.run(() -> sendUnchecked(ch, new Object[] {box, new Fragile("f")}));
    assertRefusal(assertThrows(IllegalStateException.class, () -> b.call(ch::recv)));
    assertEquals(1, Proxies.refCount(held), "the failed receive took back the reference it added");
    assertEquals(1, a.liveShares(), "only the proxy b held before");
    assertEquals("kept", b.call(held::get), "and it still works");
    Proxies.release(held);
    assertEquals(0, a.liveShares());
  }

  @Test
  void anUnshareThatFailsInsideAnArrayReleasesItsViewAndTheRestOfTheArray() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter m = interp("memory");
    MemChannel mem = MemChannel.create();
    m.run(() -> sendUnchecked(mem, new byte[] {1, 2}));
    CrossInterpreterView view = mem.recv();
    Shareables.register(
        Money.class,
        new Sharer<>() {
          @Override
          public Object share(Money value) {
            return view;
          }

          @Override
          public Money unshare(Object data) {
            throw new IllegalStateException("cannot rebuild");
          }
        });
    ObjChannel ch = ObjChannel.create();
    a.run(
        () -> sendUnchecked(ch, new Object[] {new BoxImpl(), new Money(1, "X"), new BoxImpl()}));
    view.release(); // the item in flight holds a share of its own
    assertEquals(1, m.liveShares());
    assertEquals(2, a.liveShares());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.call(ch::recv));
    assertEquals("cannot rebuild", e.getMessage(), "the sharer's own exception, unchanged");
    assertEquals(0, m.liveShares(), "the view unshare never got to keep");
    assertEquals(0, a.liveShares(), "the box unpacked before and the one after");
    assertStillUsable(ch, a, b);
  }

  @Test
  void aRecordWhoseSharerFailsInsideAnArrayReleasesTheRestOfTheArray() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Shareables.register(
        WithBuilder.class,
        new Sharer<>() {
          @Override
          public Object share(WithBuilder value) {
            return value.text().toString();
          }

          @Override
          public WithBuilder unshare(Object data) {
            throw new IllegalArgumentException("no builders in " + Interpreter.current().name());
          }
        });
    ObjChannel ch = ObjChannel.create();
    a.run(
        () ->
            sendUnchecked(
                ch,
                new Object[] {
                  new BoxImpl(), new WithBuilder(new StringBuilder("t")), new BoxImpl()
                }));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.call(ch::recv));
    assertEquals("no builders in b", e.getMessage());
    assertEquals(0, a.liveShares());
    assertStillUsable(ch, a, b);
  }

  @Test
  void closeNowThatCannotDeliverAnItemReleasesEveryItem() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    a.run(
        () -> {
          sendUnchecked(ch, new BoxImpl("first"));
          sendUnchecked(ch, new Fragile("f"));
          sendUnchecked(ch, new BoxImpl("last"));
        });
    assertEquals(3, a.liveShares());
    assertRefusal(assertThrows(IllegalStateException.class, () -> b.call(ch::closeNow)));
    assertTrue(ch.isClosed());
    assertEquals(0, a.liveShares(), "the items before the failed one never reached the caller");
  }

  @Test
  void aCallResultWhoseProxyCannotBeCreatedReleasesItsShare() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Box p = ProxyCallTest.proxyOf(a, b, new BoxImpl(new Fragile("f")), Box.class);
    assertRefusal(assertThrows(IllegalStateException.class, () -> b.call(p::get)));
    assertEquals(1, a.liveShares(), "only b's proxy of the box");
    b.run(() -> p.set("replaced"));
    assertEquals("replaced", b.call(p::get), "the proxy still works");
    Proxies.release(p);
    assertEquals(0, a.liveShares());
  }

  @Test
  void aCallArgumentWhoseProxyCannotBeCreatedReleasesEveryArgument() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Box p = ProxyCallTest.proxyOf(a, b, new BoxImpl(), Box.class);
    assertRefusal(
        assertThrows(
            IllegalStateException.class,
            () -> b.run(() -> p.setPair(new BoxImpl("mine"), new Fragile("f")))));
    assertEquals(0, b.liveShares(), "the box argument a unpacked, and the fragile one");
    assertRefusal(
        assertThrows(
            IllegalStateException.class,
            () -> b.run(() -> p.set(new Object[] {new BoxImpl(), new Fragile("f")}))));
    assertEquals(0, b.liveShares(), "the elements of an array argument");
    assertNull(b.call(p::get), "the call never ran");
    Proxies.release(p);
    assertEquals(0, a.liveShares());
  }
}
