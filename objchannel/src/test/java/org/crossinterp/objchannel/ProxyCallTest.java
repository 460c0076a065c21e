package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.recvUnchecked;
import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.NotShareableException;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.EventSource;
import org.crossinterp.objchannel.Fixtures.EventSourceImpl;
import org.crossinterp.objchannel.Fixtures.FixtureError;
import org.crossinterp.objchannel.Fixtures.FixtureException;
import org.crossinterp.objchannel.Fixtures.Listener;
import org.crossinterp.objchannel.Fixtures.Plain;
import org.crossinterp.objchannel.Fixtures.Probe;
import org.crossinterp.objchannel.Fixtures.ProbeImpl;
import org.crossinterp.objchannel.Fixtures.Thrower;
import org.crossinterp.objchannel.Fixtures.ThrowerImpl;
import org.crossinterp.objchannel.Fixtures.Unproxyable;
import org.junit.jupiter.api.Test;

/** Proxy calls: where they run, what crosses, what is thrown, and every misuse. */
class ProxyCallTest extends ObjTestSupport {

  /** Makes {@code obj} in {@code owner}, sends it, and receives it in {@code receiver}. */
  static <T> T proxyOf(Interpreter owner, Interpreter receiver, Object obj, Class<T> as)
      throws Exception {
    ObjChannel ch = ObjChannel.create();
    owner.run(() -> sendUnchecked(ch, obj));
    return receiver.call(() -> ch.recv(as));
  }

  @Test
  void callsRunInTheOwnerOnTheCallingThread() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Probe p = proxyOf(a, b, new ProbeImpl(), Probe.class);
    b.run(
        () -> {
          assertSame(a, p.where(), "inside the call, Interpreter.current() is the owner");
          assertEquals(Thread.currentThread().threadId(), p.threadId(), "on the caller's thread");
          assertSame(b, Interpreter.current(), "and back in the caller's interpreter after it");
        });
    // from a thread that never entered an interpreter, too
    assertSame(a, p.where());
    assertEquals(Thread.currentThread().threadId(), p.threadId());
    Proxies.release(p);
    assertEquals(0, a.liveShares(), "released explicitly: uncounted at once");
  }

  @Test
  void callsIntoADedicatedThreadInterpreterRunOnItsThread() throws Exception {
    Interpreter d = dedicated("dedicated");
    Interpreter b = interp("b");
    ProbeImpl impl = new ProbeImpl();
    long owners = d.call(() -> Thread.currentThread().threadId());
    Probe p = proxyOf(d, b, impl, Probe.class);
    b.run(
        () -> {
          assertSame(d, p.where());
          assertEquals(owners, p.threadId(), "on the dedicated thread, not the caller's");
        });
    Proxies.release(p);
  }

  @Test
  void argumentsAndResultsCrossByTheSameRules() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    BoxImpl box = a.call(BoxImpl::new);
    Box p = proxyOf(a, b, box, Box.class);
    b.run(
        () -> {
          String s = "immutable";
          assertSame(s, p.echo(s), "immutable values cross as they are, both ways");
          assertEquals("proxy of b", p.describe(new ArrayList<>()), "mutable: proxied the other way");
          assertEquals("same", p.describe(p), "a proxy going home arrives as the original");
          assertEquals(java.lang.Integer.class.getName(), p.describe(5));
          assertEquals("null", p.describe(null));
          assertNull(p.echo(null));
        });
    // the owner's mutable result arrives in b as a proxy that calls back into a
    List<String> inA = a.call(() -> new ArrayList<>(List.of("x")));
    a.run(() -> box.set(inA));
    b.run(
        () -> {
          @SuppressWarnings("unchecked")
          List<String> list = (List<String>) p.get();
          assertTrue(Proxies.isProxy(list));
          assertSame(a, Proxies.owner(list));
          list.add("added from b");
          Proxies.release(list);
        });
    assertEquals(List.of("x", "added from b"), inA);
    // an object of b that went to a and comes back arrives in b as itself
    List<String> inB = b.call(() -> new ArrayList<>());
    b.run(
        () -> {
          p.set(inB);
          assertSame(inB, p.get());
        });
    a.run(() -> Proxies.release(box.get())); // a's proxy of inB
    Proxies.release(p);
  }

  @Test
  void listenersPassedToAProxyAreCalledBackInTheirOwnInterpreter() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    EventSourceImpl impl = new EventSourceImpl();
    EventSource source = proxyOf(a, b, impl, EventSource.class);
    List<String> heard = new CopyOnWriteArrayList<>();
    Listener listener =
        b.call(
            () ->
                e -> heard.add(e + " in " + Interpreter.current().name() + " on " + Thread.currentThread().getName()));
    b.run(() -> source.addListener(listener));
    assertEquals(1, b.liveShares(), "a holds a proxy of b's listener");
    Listener held = impl.listeners().get(0);
    assertTrue(Proxies.isProxy(held));
    assertSame(b, Proxies.owner(held));
    a.run(() -> impl.fire("ping")); // the owner fires: the listener runs in b
    assertEquals(List.of("ping in b on " + Thread.currentThread().getName()), heard);
    b.run(() -> source.fire("pong")); // b -> a -> b
    assertEquals(2, heard.size());
    assertTrue(heard.get(1).startsWith("pong in b"), heard.get(1));
    // the same listener arrives as the same proxy, so removal by equality works
    b.run(() -> assertTrue(source.removeListener(listener)));
    assertEquals(List.of(), impl.listeners());
    assertEquals(2, Proxies.refCount(held), "received twice: add and remove");
    a.run(
        () -> {
          Proxies.release(held);
          Proxies.release(held);
        });
    assertEquals(0, b.liveShares());
    Proxies.release(source);
  }

  @Test
  void aDedicatedThreadOwnerCanCallBackIntoItsWaitingCaller() throws Exception {
    Interpreter d = dedicated("d-source");
    Interpreter b = interp("b");
    EventSourceImpl impl = d.call(EventSourceImpl::new);
    long dThread = d.call(() -> Thread.currentThread().threadId());
    EventSource source = proxyOf(d, b, impl, EventSource.class);
    List<String> heard = new CopyOnWriteArrayList<>();
    b.run(
        () -> {
          source.addListener(
              ev ->
                  heard.add(
                      ev + "@" + Interpreter.current().name() + "/" + Thread.currentThread().threadId()));
          source.fire("x"); // b waits for d's thread (b's lock given back), which calls into b
        });
    assertEquals(List.of("x@b/" + dThread), heard, "in b, on d's thread");
    d.run(
        () -> {
          Proxies.release(impl.listeners().get(0));
          impl.listeners().clear();
        });
    Proxies.release(source);
  }

  /**
   * e's thread waits for d's, and d's callback into e is queued for e's thread: DESIGN §1
   * promises that a task calling back into its caller's interpreter cannot deadlock, so a
   * waiting dedicated thread serves its own queue.
   */
  @Test
  void callbacksBetweenDedicatedThreadInterpretersDoNotDeadlock() throws Exception {
    Interpreter d = dedicated("d-source");
    Interpreter e = dedicated("e-listener");
    EventSourceImpl impl = d.call(EventSourceImpl::new);
    EventSource source = proxyOf(d, e, impl, EventSource.class);
    List<String> heard = new CopyOnWriteArrayList<>();
    e.run(
        () -> {
          source.addListener(ev -> heard.add(ev + "@" + Interpreter.current().name()));
          source.fire("x"); // e's thread waits for d's thread, which calls back into e
        });
    assertEquals(List.of("x@e-listener"), heard);
    d.run(
        () -> {
          Proxies.release(impl.listeners().get(0));
          impl.listeners().clear();
        });
    Proxies.release(source);
  }

  @Test
  void objectsMadeOutsideAnyInterpreterBelongToMain() throws Exception {
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    Probe probe = new ProbeImpl(); // this thread is in main without holding its lock
    ch.send(probe);
    assertEquals(1, Interpreter.main().liveShares());
    Probe p = b.call(() -> ch.recv(Probe.class));
    assertSame(Interpreter.main(), Proxies.owner(p));
    assertSame(Interpreter.main(), b.call(p::where), "the call switches into main");
    b.run(() -> sendUnchecked(ch, p));
    assertSame(probe, ch.recv(), "home in main as the original");
    Proxies.release(p);
    assertEquals(0, Interpreter.main().liveShares());
  }

  @Test
  void exceptionsKeepTheirTypeCheckedAndUnchecked() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Thrower t = proxyOf(a, b, new ThrowerImpl(), Thrower.class);
    b.run(
        () -> {
          FixtureException checked = assertThrows(FixtureException.class, t::checked);
          assertEquals("checked in a", checked.getMessage());
          IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class, t::unchecked);
          assertEquals("unchecked in a", unchecked.getMessage());
          assertThrows(FixtureError.class, t::error);
          // an exception thrown by a callback crosses two switches unchanged
          IllegalStateException cb =
              assertThrows(
                  IllegalStateException.class,
                  () ->
                      t.callBack(
                          e -> {
                            throw new IllegalStateException(e + " in " + Interpreter.current().name());
                          }));
          assertEquals("boom in b", cb.getMessage());
          assertSame(b, Interpreter.current(), "the caller is back in its interpreter");
        });
    Proxies.release(t);
    // the callback proxy a received is only reachable from the finished call: collected
  }

  @Test
  void equalsHashCodeAndToStringGoToTheOriginObject() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    BoxImpl one = a.call(() -> new BoxImpl("same content"));
    BoxImpl two = a.call(() -> new BoxImpl("same content"));
    ObjChannel ch = ObjChannel.create();
    a.call(
        () -> {
          ch.send(one);
          ch.send(two);
          return null;
        });
    Box p1 = b.call(() -> ch.recv(Box.class));
    Box p2 = b.call(() -> ch.recv(Box.class));
    b.run(
        () -> {
          assertNotSame(p1, p2);
          assertTrue(p1.equals(p2), "BoxImpl.equals ran in a, on the two originals");
          assertTrue(p1.equals(p1));
          assertFalse(p1.equals("something else"));
          assertEquals(31 + "same content".hashCode(), p1.hashCode());
          assertEquals("box(same content) in a", p1.toString());
        });
    assertSame(a, one.objectMethodsRanIn);
    assertTrue(one.objectMethodCalls >= 4, "equals, equals, hashCode, toString: " + one.objectMethodCalls);
    Proxies.release(p1);
    Proxies.release(p2);
  }

  @Test
  void aClassWithoutInterfacesIsProxiedBySubclassing() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Plain p = proxyOf(a, b, new Plain(), Plain.class);
    assertTrue(Proxies.isProxy(p));
    assertNotSame(Plain.class, p.getClass());
    assertEquals("a#1", b.call(p::where));
    assertEquals("a#2", b.call(p::where), "the state lives in the original, in a");
    Proxies.release(p);
  }

  @Test
  void anUnproxyableObjectIsRefusedNamingTypeReasonAndFix() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create();
    ch.send("already queued");
    NotShareableException e =
        assertThrows(NotShareableException.class, () -> a.run(() -> sendUnchecked(ch, new Unproxyable())));
    assertTrue(e.getMessage().contains(Unproxyable.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("final"), e.getMessage());
    assertTrue(e.getMessage().contains("implement a public interface"), e.getMessage());
    assertEquals(1, ch.size(), "nothing was sent");
    assertEquals(0, a.liveShares());
    assertEquals("already queued", ch.recv());
  }

  @Test
  void anUnproxyableArgumentFailsTheCallBeforeItRunsAndReleasesTheOtherArguments()
      throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    BoxImpl box = a.call(BoxImpl::new);
    Box p = proxyOf(a, b, box, Box.class);
    b.run(
        () -> {
          NotShareableException e =
              assertThrows(
                  NotShareableException.class,
                  () -> p.setPair(new ArrayList<>(), new Unproxyable()));
          assertTrue(e.getMessage().contains(Unproxyable.class.getName()), e.getMessage());
        });
    assertNull(box.get(), "the call never ran");
    assertEquals(0, b.liveShares(), "the first argument's share was released again");
    // a result that cannot cross fails in the owner, after the call ran
    a.run(() -> box.set(new Unproxyable()));
    b.run(() -> assertThrows(NotShareableException.class, p::get));
    Proxies.release(p);
  }

  @Test
  void anArgumentOrResultThatWouldArriveAsTheWrongTypeIsRefusedWithAClearMessage()
      throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Probe p = proxyOf(a, b, new ProbeImpl(), Probe.class);
    NotShareableException result =
        assertThrows(NotShareableException.class, () -> b.call(p::thread));
    String m = result.getMessage();
    assertTrue(m.contains("the result of Probe.thread()"), m);
    assertTrue(m.contains("java.lang.Thread"), m);
    assertTrue(m.contains("java.lang.Runnable"), "says what it would arrive as: " + m);
    assertTrue(m.contains("Fix"), m);
    assertEquals(1, a.liveShares(), "only b's proxy: the refused result was released");
    // an argument declared as a class, given an object that would be proxied by its interfaces
    BoxImpl box = a.call(BoxImpl::new);
    Fixtures.Takes takes =
        proxyOf(a, b, (Fixtures.Takes) sb -> box.set(sb.toString()), Fixtures.Takes.class);
    NotShareableException arg =
        assertThrows(
            NotShareableException.class, () -> b.run(() -> takes.take(new StringBuilder("x"))));
    assertTrue(
        arg.getMessage().contains("argument 1 of Takes.take(StringBuilder)"), arg.getMessage());
    assertNull(box.get(), "the call never ran");
    assertEquals(0, b.liveShares(), "the refused argument was released");
    Proxies.release(p);
    Proxies.release(takes);
  }

  @Test
  void proxiesOfAClosedInterpretersObjectsThrowInterpreterClosedException() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Probe p = proxyOf(a, b, new ProbeImpl(), Probe.class);
    a.close();
    assertEquals(1, a.liveShares(), "b's proxy still pins the object");
    b.run(
        () -> {
          InterpreterClosedException e = assertThrows(InterpreterClosedException.class, p::where);
          assertTrue(e.getMessage().contains("closed"), e.getMessage());
          assertThrows(InterpreterClosedException.class, p::toString);
        });
    Proxies.release(p); // releasing still works: a pending call in the closed interpreter
    assertEquals(0, a.liveShares());
  }

  @Test
  void aCallWhoseOwnerClosesBeforeItStartsReleasesItsArguments() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Box p = proxyOf(a, b, new BoxImpl(), Box.class);
    a.close();
    b.run(() -> assertThrows(InterpreterClosedException.class, () -> p.set(new ArrayList<>())));
    assertEquals(0, b.liveShares(), "the argument's proxy share was never handed over");
    Proxies.release(p);
  }

  /**
   * A call into an interpreter cannot be cut short by an interrupt (as taking an interpreter
   * lock cannot): a caller interrupted while waiting for a busy dedicated thread still gets its
   * call run and its result, keeps its interrupt status, and nothing leaks.
   */
  @Test
  void aCallerInterruptedWhileWaitingForADedicatedThreadStillCompletesItsCall() throws Exception {
    Interpreter d = dedicated("d");
    Interpreter b = interp("b");
    BoxImpl box = d.call(BoxImpl::new);
    Box p = proxyOf(d, b, box, Box.class);
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    CompletableFuture<Object> blocker =
        d.submit(
            () -> {
              busy.countDown();
              letGo.await(); // d's only thread is taken
              return null;
            });
    busy.await();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean keptInterrupt =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread caller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    b.call(
                        () -> {
                          p.set(new ArrayList<>()); // packed in b (a share of b), then waits
                          return null;
                        });
                    keptInterrupt.set(Thread.currentThread().isInterrupted());
                  } catch (Throwable t) {
                    thrown.set(t);
                  }
                });
    // the argument is packed and the caller waits for d's thread: interrupt that very wait
    awaitParkedIn(caller, null, "Domain.callOnLoop");
    caller.interrupt();
    // It cannot finish on its own while d is busy: the grace period only gives an interrupt
    // that cuts the call short the chance to show.
    caller.join(200);
    assertTrue(caller.isAlive(), "the interrupt cut the call short");
    letGo.countDown();
    blocker.get();
    caller.join();
    assertNull(thrown.get(), "the call failed");
    assertTrue(keptInterrupt.get(), "the caller lost its interrupt status");
    assertNotNull(d.call(box::get), "the call ran");
    d.call(() -> {
      Proxies.release(box.get());
      return null;
    });
    Proxies.release(p);
  }

  @Test
  void aReleasedProxyRefusesEveryUse() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Box p = proxyOf(a, b, new BoxImpl(), Box.class);
    Proxies.release(p);
    assertEquals(0, a.liveShares());
    assertEquals(0, Proxies.refCount(p));
    IllegalStateException call = assertThrows(IllegalStateException.class, p::get);
    assertTrue(call.getMessage().contains("released"), call.getMessage());
    assertTrue(call.getMessage().contains("retain"), "says the fix: " + call.getMessage());
    assertThrows(IllegalStateException.class, () -> Proxies.release(p), "double release");
    assertThrows(IllegalStateException.class, () -> Proxies.retain(p));
    ObjChannel ch = ObjChannel.create();
    IllegalStateException send = assertThrows(IllegalStateException.class, () -> ch.send(p));
    assertTrue(send.getMessage().contains("released"), send.getMessage());
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares(), "nothing changed");
    assertSame(a, Proxies.owner(p), "the owner is still known");
  }

  @Test
  void proxyOperationsRefuseNonProxies() {
    for (Object notAProxy : new Object[] {"text", new BoxImpl(), null}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Proxies.release(notAProxy));
      assertTrue(e.getMessage().contains("not a cross-interpreter proxy"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Proxies.retain(notAProxy));
      assertThrows(IllegalArgumentException.class, () -> Proxies.owner(notAProxy));
      assertThrows(IllegalArgumentException.class, () -> Proxies.refCount(notAProxy));
      assertFalse(Proxies.isProxy(notAProxy));
    }
  }

  @Test
  void proxiesAreNotEqualToUnrelatedObjectsAndPrimitivesAreBoxedAndUnboxed() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Fixtures.Counter c = proxyOf(a, b, new Fixtures.PlainCounter(), Fixtures.Counter.class);
    b.run(
        () -> {
          c.increment();
          c.increment();
          assertEquals(2L, c.get());
          assertNotEquals(c, new Object());
        });
    Proxies.release(c);
  }

  @Test
  void aProxyUsedInItsOwnInterpreterIsAnOrdinaryCall() throws Exception {
    Interpreter a = interp("a");
    BoxImpl box = new BoxImpl();
    Box shared = a.call(() -> Proxies.share((Box) box, Box.class));
    a.run(
        () -> {
          List<String> mutable = new ArrayList<>();
          shared.set(mutable);
          assertSame(mutable, box.get(), "no packing at home: the object itself, not a proxy");
          assertSame(mutable, shared.get());
        });
    assertEquals(1, a.liveShares(), "only the shared proxy itself");
    Proxies.release(shared);
  }
}
