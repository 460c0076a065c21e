package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.Probe;
import org.crossinterp.objchannel.Fixtures.ProbeImpl;
import org.crossinterp.objchannel.Fixtures.Unproxyable;
import org.junit.jupiter.api.Test;

/** Identity and reference counting: one proxy per (object, receiver), counted once in the owner. */
class ProxyIdentityTest extends ObjTestSupport {

  @Test
  void theSameObjectArrivesAsTheSameProxyCountedOnceInTheOwner() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.call(
        () -> {
          for (int i = 0; i < 3; i++) {
            ch.send(box);
          }
          return null;
        });
    assertEquals(3, a.liveShares(), "each item in flight holds a share");
    Box first = b.call(() -> ch.recv(Box.class));
    assertEquals(3, a.liveShares());
    Box second = b.call(() -> ch.recv(Box.class));
    assertSame(first, second);
    assertEquals(2, a.liveShares(), "one for the pair (box, b), one still in flight");
    Box third = b.call(() -> ch.recv(Box.class));
    assertSame(first, third);
    assertEquals(1, a.liveShares(), "ONE strong reference per receiving interpreter");
    assertEquals(3, Proxies.refCount(first));
    Proxies.retain(first);
    assertEquals(4, Proxies.refCount(first));
    for (int i = 0; i < 3; i++) {
      Proxies.release(first);
      assertEquals(1, a.liveShares(), "still referenced locally");
    }
    first.set("still usable");
    Proxies.release(first);
    assertEquals(0, a.liveShares());
    assertEquals("still usable", box.get());
  }

  @Test
  void eachReceivingInterpreterHasItsOwnProxyAndShare() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter c = interp("c");
    ObjChannel ch = ObjChannel.create();
    ProbeImpl probe = a.call(ProbeImpl::new);
    a.call(
        () -> {
          ch.send(probe);
          ch.send(probe);
          return null;
        });
    Probe inB = b.call(() -> ch.recv(Probe.class));
    Probe inC = c.call(() -> ch.recv(Probe.class));
    assertNotSame(inB, inC);
    assertEquals(2, a.liveShares());
    Proxies.release(inB);
    assertEquals(1, a.liveShares());
    assertSame(a, c.call(inC::where), "c's proxy still works");
    Proxies.release(inC);
  }

  @Test
  void aProxySentOnPointsAtTheOriginObjectAndComesHomeAsTheOriginal() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter c = interp("c");
    ObjChannel ch = ObjChannel.create();
    ProbeImpl probe = a.call(ProbeImpl::new);
    a.run(() -> sendUnchecked(ch, probe));
    Probe inB = b.call(() -> ch.recv(Probe.class));
    b.run(() -> sendUnchecked(ch, inB)); // forwarded by b
    assertEquals(0, b.liveShares(), "b pins nothing: the item refers to a's object");
    assertEquals(2, a.liveShares());
    Probe inC = c.call(() -> ch.recv(Probe.class));
    assertSame(a, Proxies.owner(inC), "no chain through b");
    assertSame(a, c.call(inC::where), "calls go straight to a");
    // a sends the original to c as well: c already has a proxy of it
    a.run(() -> sendUnchecked(ch, probe));
    assertSame(inC, c.call(() -> ch.recv(Probe.class)));
    assertEquals(2, Proxies.refCount(inC));
    // c sends its proxy back: a receives its own object
    c.run(() -> sendUnchecked(ch, inC));
    Object home = a.call(ch::recv);
    assertSame(probe, home);
    assertEquals(2, a.liveShares(), "b's and c's pairs; the homecoming item's share is gone");
    Proxies.release(inB);
    Proxies.release(inC);
    Proxies.release(inC);
    assertEquals(0, a.liveShares());
  }

  @Test
  void aProxyPassedAsACallArgumentToAThirdInterpreterPointsAtItsOrigin() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter c = interp("c");
    BoxImpl box = a.call(BoxImpl::new);
    Box inB = ProxyCallTest.proxyOf(a, b, box, Box.class);
    Probe ofC = ProxyCallTest.proxyOf(c, b, new ProbeImpl(), Probe.class);
    b.run(
        () -> {
          assertEquals("proxy of c", inB.describe(ofC), "a gets a proxy of c's object, no chain");
          inB.set(ofC);
        });
    assertEquals(0, b.liveShares(), "b is not in the chain");
    Object inA = box.get();
    assertSame(c, Proxies.owner(inA));
    assertSame(c, a.call(() -> ((Probe) inA).where()), "a calls straight into c");
    assertEquals(2, c.liveShares(), "one per receiving interpreter, b and a");
    assertEquals(2, Proxies.refCount(inA), "a received it twice: describe() and set()");
    Proxies.release(inB);
    Proxies.release(ofC);
    a.run(
        () -> {
          Proxies.release(inA);
          Proxies.release(inA);
        });
    assertEquals(0, c.liveShares());
  }

  @Test
  void afterTheLastReleaseTheObjectArrivesAsANewProxy() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.run(() -> sendUnchecked(ch, box));
    Box first = b.call(() -> ch.recv(Box.class));
    Proxies.release(first);
    a.run(() -> sendUnchecked(ch, box));
    Box again = b.call(() -> ch.recv(Box.class));
    assertNotSame(first, again);
    assertEquals(0, Proxies.refCount(first), "the released proxy stays released");
    assertEquals(1, Proxies.refCount(again));
    Proxies.release(again);
  }

  @Test
  void shareMakesAProxyWithoutAChannel() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ProbeImpl probe = new ProbeImpl();
    Probe shared = a.call(() -> Proxies.share((Probe) probe, Probe.class));
    assertTrue(Proxies.isProxy(shared));
    assertSame(a, Proxies.owner(shared));
    assertEquals(1, a.liveShares());
    assertSame(a, b.call(shared::where), "a task of b calls into a");
    assertSame(a, shared.where(), "so does a thread outside any interpreter");
    Probe again = a.call(() -> Proxies.share((Probe) probe, Probe.class));
    assertSame(shared, again, "sharing the same object again gives the same proxy");
    assertEquals(2, Proxies.refCount(shared));
    assertEquals(1, a.liveShares());
    Probe ofProxy = b.call(() -> Proxies.share(shared, Probe.class));
    assertSame(shared, ofProxy, "sharing a proxy retains it");
    assertEquals(3, Proxies.refCount(shared));
    // sent over a channel, a shared proxy is a proxy like any other
    ObjChannel ch = ObjChannel.create();
    b.run(() -> sendUnchecked(ch, shared));
    assertSame(probe, a.call(ch::recv), "home as the original");
    for (int i = 0; i < 3; i++) {
      Proxies.release(shared);
    }
    assertEquals(0, a.liveShares());
  }

  @Test
  void shareRefusesBadInputAndChangesNothing() throws Exception {
    Interpreter a = interp("a");
    ProbeImpl probe = new ProbeImpl();
    ClassCastException wrongType =
        assertThrows(
            ClassCastException.class, () -> a.call(() -> Proxies.share(probe, ProbeImpl.class)));
    assertTrue(wrongType.getMessage().contains(Probe.class.getName()), wrongType.getMessage());
    assertEquals(0, a.liveShares(), "the proxy made for the check was released");
    NotShareableException unproxyable =
        assertThrows(
            NotShareableException.class,
            () -> a.call(() -> Proxies.share(new Unproxyable(), Unproxyable.class)));
    assertTrue(unproxyable.getMessage().contains(Unproxyable.class.getName()));
    assertThrows(NullPointerException.class, () -> Proxies.share(null, Probe.class));
    assertThrows(NullPointerException.class, () -> Proxies.share(probe, null));
    assertEquals(0, a.liveShares());
  }

  @Test
  void anObjectReachableFromTwoInterpretersArrivesAsAProxyOfItsSender() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter c = interp("c");
    ObjChannel ch = ObjChannel.create();
    List<String> leaked = new ArrayList<>(); // a test shortcut: both a and b can see it
    a.run(() -> sendUnchecked(ch, leaked));
    b.run(() -> sendUnchecked(ch, leaked));
    Object fromA = c.call(ch::recv);
    Object fromB = c.call(ch::recv);
    assertSame(a, Proxies.owner(fromA));
    assertSame(b, Proxies.owner(fromB), "each sender counts its own share");
    Proxies.release(fromA);
    Proxies.release(fromB);
    assertEquals(0, a.liveShares());
    assertEquals(0, b.liveShares());
  }
}
