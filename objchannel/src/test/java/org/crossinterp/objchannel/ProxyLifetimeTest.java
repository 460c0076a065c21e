package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.recvUnchecked;
import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.Node;
import org.crossinterp.objchannel.Fixtures.Peer;
import org.junit.jupiter.api.Test;

/** Lifetimes: what keeps an origin object alive, and that nothing else does. */
class ProxyLifetimeTest extends ObjTestSupport {

  @Test
  void theObjectLivesWhileAProxyDoesAndIsCollectedAfterTheLastRelease() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    WeakReference<BoxImpl> ref =
        a.call(
            () -> {
              BoxImpl box = new BoxImpl("payload");
              ch.send(box);
              return new WeakReference<>(box); // a keeps no strong reference
            });
    collectGarbage();
    assertNotNull(ref.get(), "the item in flight keeps the object alive");
    Box p = b.call(() -> ch.recv(Box.class));
    collectGarbage();
    assertNotNull(ref.get(), "b's proxy keeps the object alive");
    assertEquals("payload", b.call(p::get));
    Proxies.release(p);
    assertEquals(0, a.liveShares());
    // the released proxy itself is still referenced here: releasing dropped the strong reference
    awaitGc(() -> ref.get() == null, () -> "the object should be collected once released");
    Reference.reachabilityFence(p);
  }

  @Test
  void aProxyDroppedWithoutReleaseIsReleasedWhenCollected() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    WeakReference<BoxImpl> ref =
        a.call(
            () -> {
              BoxImpl box = new BoxImpl();
              ch.send(box);
              return new WeakReference<>(box);
            });
    b.run(() -> recvUnchecked(ch, Box.class).set("touched from b")); // then dropped
    assertEquals(1, a.liveShares());
    awaitGc(
        () -> a.liveShares() == 0 && ref.get() == null,
        () -> "the Cleaner should release the share: " + a.liveShares());
  }

  @Test
  void aLiveProxyKeepsItsIdentityAcrossCollections() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    WeakReference<BoxImpl> ref =
        a.call(
            () -> {
              BoxImpl box = new BoxImpl();
              ch.send(box);
              return new WeakReference<>(box);
            });
    Box p = b.call(() -> ch.recv(Box.class));
    collectGarbage();
    a.run(() -> sendUnchecked(ch, ref.get()));
    assertSame(p, b.call(() -> ch.recv(Box.class)), "weak keys and values, but both alive");
    Proxies.release(p);
    Proxies.release(p);
  }

  @Test
  void referenceCyclesThroughProxiesAcrossInterpretersAreCollected() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel toA = ObjChannel.create();
    ObjChannel toB = ObjChannel.create();
    // x in a points at a proxy of y in b, which points at a proxy of x
    WeakReference<Node> x =
        a.call(
            () -> {
              Node n = new Node();
              toB.send(n);
              return new WeakReference<>(n);
            });
    WeakReference<Node> y =
        b.call(
            () -> {
              Node n = new Node();
              n.setPeer(toB.recv());
              toA.send(n);
              return new WeakReference<>(n);
            });
    a.run(() -> x.get().setPeer(recvUnchecked(toA, Peer.class)));
    assertEquals(1, a.liveShares());
    assertEquals(1, b.liveShares());
    // the cycle works: x -> proxy of y -> (in b) proxy of x -> home to a as x itself
    assertSame(x.get(), a.call(() -> ((Peer) x.get().peer()).peer()));
    awaitGc(
        () -> x.get() == null && y.get() == null && a.liveShares() == 0 && b.liveShares() == 0,
        () -> "cycle not collected: x=" + x.get() + " y=" + y.get() + " " + shares(List.of(a, b)));
  }

  @Test
  void manyDroppedProxiesAreAllReleased() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    int n = 200;
    a.call(
        () -> {
          for (int i = 0; i < n; i++) {
            ch.send(new ArrayList<>(List.of(i)));
          }
          return null;
        });
    assertEquals(n, a.liveShares());
    long sum =
        b.call(
            () -> {
              long s = 0;
              for (int i = 0; i < n; i++) {
                s += (Integer) ((List<?>) ch.recv()).get(0); // each proxy dropped at once
              }
              return s;
            });
    assertEquals((long) n * (n - 1) / 2, sum);
    awaitGc(() -> a.liveShares() == 0, () -> "left: " + a.liveShares());
  }
}
