package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.Money;
import org.crossinterp.objchannel.Fixtures.MoneyData;
import org.crossinterp.objchannel.Fixtures.SpecialBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule 2: registered sharers, by exact class; built-in copying of primitive arrays. */
class SharerTest extends ObjTestSupport {
  /** Where share and unshare ran. */
  private final List<String> log = new CopyOnWriteArrayList<>();

  private final Sharer<Money> moneySharer =
      new Sharer<>() {
        @Override
        public Object share(Money value) {
          log.add("share in " + Interpreter.current().name());
          return new MoneyData(value.cents, value.currency);
        }

        @Override
        public Money unshare(Object data) {
          log.add("unshare in " + Interpreter.current().name());
          MoneyData d = (MoneyData) data;
          return new Money(d.cents(), d.currency());
        }
      };

  @AfterEach
  void unregisterAll() {
    Shareables.unregister(Money.class);
    Shareables.unregister(BoxImpl.class);
    Shareables.unregister(Fixtures.WithList.class);
  }

  @Test
  void aRecordWithAListComponentCrossesThroughItsSharer() throws Exception {
    Shareables.register(
        Fixtures.WithList.class,
        new Sharer<>() {
          @Override
          public Object share(Fixtures.WithList value) {
            return List.copyOf(value.items()); // an immutable snapshot
          }

          @Override
          public Fixtures.WithList unshare(Object data) {
            @SuppressWarnings("unchecked")
            List<String> items = (List<String>) data;
            return new Fixtures.WithList(new ArrayList<>(items));
          }
        });
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    List<String> mutable = new ArrayList<>(List.of("p", "q"));
    Fixtures.WithList sent = new Fixtures.WithList(mutable);
    assertFalse(Shareables.isShareable(sent), "rule 1 does not apply");
    a.run(() -> sendUnchecked(ch, sent));
    mutable.add("written after the send");
    Fixtures.WithList got = b.call(() -> ch.recv(Fixtures.WithList.class));
    assertEquals(List.of("p", "q"), got.items());
    assertFalse(Proxies.isProxy(got.items()), "rule 2 came before rule 3");
    assertEquals(0, a.liveShares());
  }

  @Test
  void shareRunsInTheSenderAndUnshareInTheReceiver() throws Exception {
    Shareables.register(Money.class, moneySharer);
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    Money m = new Money(1050, "EUR");
    a.run(() -> sendUnchecked(ch, m));
    assertEquals(List.of("share in a"), log);
    assertEquals(0, a.liveShares(), "data made by a sharer pins nothing");
    m.cents = 0; // the sender's later writes do not reach the receiver: it got a copy
    Money got = b.call(() -> ch.recv(Money.class));
    assertEquals(List.of("share in a", "unshare in b"), log);
    assertNotSame(m, got);
    assertEquals(1050, got.cents);
    assertEquals("EUR", got.currency);
  }

  @Test
  void sharersServeProxyArgumentsAndResultsToo() throws Exception {
    Shareables.register(Money.class, moneySharer);
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.run(() -> sendUnchecked(ch, box));
    b.run(
        () -> {
          Box p = ShareablesTest.recvUnchecked(ch, Box.class);
          p.set(new Money(5, "CHF"));
          Money back = (Money) p.get();
          assertEquals(5, back.cents);
          assertFalse(Proxies.isProxy(back));
          Proxies.release(p);
        });
    assertEquals(
        List.of("share in b", "unshare in a", "share in a", "unshare in b"),
        log,
        "argument shared by the caller, unshared in the owner; the result the other way");
    assertInstanceOf(Money.class, box.get());
  }

  @Test
  void unregisterFallsBackToTheNextRule() throws Exception {
    Shareables.register(Money.class, moneySharer);
    assertTrue(Shareables.unregister(Money.class));
    assertFalse(Shareables.unregister(Money.class), "nothing registered any more");
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create();
    // Money is final and has no interface: with no sharer it cannot cross at all
    NotShareableException e =
        assertThrows(NotShareableException.class, () -> a.run(() -> sendUnchecked(ch, new Money(1, "X"))));
    assertTrue(e.getMessage().contains(Money.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("final"), "says why: " + e.getMessage());
    assertTrue(e.getMessage().contains("Shareables.register"), "says the fix: " + e.getMessage());
    assertEquals(0, ch.size());
    assertEquals(List.of(), log);
  }

  @Test
  void registeringAgainReplacesTheSharer() throws Exception {
    Shareables.register(Money.class, moneySharer);
    Shareables.register(
        Money.class,
        new Sharer<>() {
          @Override
          public Object share(Money value) {
            return value.currency;
          }

          @Override
          public Money unshare(Object data) {
            return new Money(-1, (String) data);
          }
        });
    ObjChannel ch = ObjChannel.create();
    ch.send(new Money(3, "USD"));
    Money got = (Money) ch.recv();
    assertEquals(-1, got.cents);
    assertEquals(List.of(), log, "the first sharer is no longer used");
  }

  @Test
  void sharersMatchTheExactClassOnly() throws Exception {
    Shareables.register(
        BoxImpl.class,
        new Sharer<>() {
          @Override
          public Object share(BoxImpl value) {
            return String.valueOf(value.get());
          }

          @Override
          public BoxImpl unshare(Object data) {
            return new BoxImpl(data);
          }
        });
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    a.call(
        () -> {
          ch.send(new BoxImpl("plain"));
          ch.send(new SpecialBox());
          return null;
        });
    b.run(
        () -> {
          Object first = ShareablesTest.recvUnchecked(ch, Object.class);
          assertFalse(Proxies.isProxy(first), "exact class: shared by value");
          assertEquals("plain", ((BoxImpl) first).get());
          Object second = ShareablesTest.recvUnchecked(ch, Box.class);
          assertTrue(Proxies.isProxy(second), "a subclass is not matched: proxied");
          Proxies.release(second);
        });
  }

  @Test
  void aSharerReturningMutableDataIsRefusedAndNothingIsSent() throws Exception {
    Shareables.register(
        Money.class,
        new Sharer<>() {
          @Override
          public Object share(Money value) {
            return new ArrayList<>(List.of(value.cents));
          }

          @Override
          public Money unshare(Object data) {
            throw new AssertionError("never called");
          }
        });
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create(1);
    NotShareableException e =
        assertThrows(NotShareableException.class, () -> a.run(() -> sendUnchecked(ch, new Money(1, "X"))));
    assertTrue(e.getMessage().contains(Money.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("java.util.ArrayList"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix"), e.getMessage());
    assertThrows(NotShareableException.class, () -> ch.trySend(new Money(2, "Y")));
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares());
  }

  @Test
  void aSharerThatThrowsSendsNothing() throws Exception {
    Shareables.register(
        Money.class,
        new Sharer<>() {
          @Override
          public Object share(Money value) {
            throw new IllegalStateException("cannot share " + value.currency);
          }

          @Override
          public Money unshare(Object data) {
            throw new AssertionError("never called");
          }
        });
    ObjChannel ch = ObjChannel.create();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ch.send(new Money(1, "XYZ")));
    assertEquals("cannot share XYZ", e.getMessage(), "the sharer's own exception, unchanged");
    assertEquals(0, ch.size());
  }

  @Test
  void anUnshareThatThrowsConsumesTheItemAndReleasesItsView() throws Exception {
    Interpreter a = interp("a");
    MemChannel mem = MemChannel.create();
    a.run(() -> sendUnchecked(mem, new byte[] {1}));
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
    ch.send(new Money(1, "X"));
    ch.send("next");
    view.release();
    assertEquals(1, a.liveShares(), "the item's own share of the view");
    IllegalStateException e = assertThrows(IllegalStateException.class, ch::recv);
    assertEquals("cannot rebuild", e.getMessage(), "the sharer's exception, unchanged");
    assertEquals(0, a.liveShares(), "the view the receiver never got was released");
    assertEquals("next", ch.recv(), "the item was consumed (as in CPython), the next one is intact");
  }

  @Test
  void sharerDataMayBeAViewWhichArrivesAsANewShare() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    MemChannel mem = MemChannel.create();
    a.run(() -> sendUnchecked(mem, new byte[] {7, 8, 9}));
    CrossInterpreterView view = mem.recv();
    List<CrossInterpreterView> seen = new CopyOnWriteArrayList<>();
    Shareables.register(
        Money.class,
        new Sharer<>() {
          @Override
          public Object share(Money value) {
            return view;
          }

          @Override
          public Money unshare(Object data) {
            CrossInterpreterView v = (CrossInterpreterView) data;
            seen.add(v);
            Money m = new Money(v.segment().get(ValueLayout.JAVA_BYTE, 2), "VIEW");
            v.release();
            return m;
          }
        });
    ObjChannel ch = ObjChannel.create();
    ch.send(new Money(0, "?"));
    view.release(); // the item in flight holds its own share
    assertEquals(1, a.liveShares());
    Money got = b.call(() -> ch.recv(Money.class));
    assertEquals(9, got.cents);
    assertNotSame(view, seen.get(0));
    assertEquals(0, a.liveShares());
  }

  @Test
  void primitiveArraysArriveAsCopies() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    List<Object> arrays =
        List.of(
            new boolean[] {true, false},
            new byte[] {1, 2},
            new char[] {'x', 'y'},
            new short[] {3, 4},
            new int[] {5, 6},
            new long[] {7, 8},
            new float[] {1.5f},
            new double[] {2.5});
    a.call(
        () -> {
          for (Object arr : arrays) {
            ch.send(arr);
          }
          ((int[]) arrays.get(4))[0] = -1; // written after the send: the receiver's copy keeps 5
          return null;
        });
    assertEquals(0, a.liveShares(), "copies pin nothing");
    for (Object arr : arrays) {
      Object got = b.call(ch::recv);
      assertNotSame(arr, got);
      assertSame(arr.getClass(), got.getClass());
      if (arr instanceof int[]) {
        assertArrayEquals(new int[] {5, 6}, (int[]) got);
      } else {
        assertTrue(
            java.util.Objects.deepEquals(arr, got), () -> "same contents: " + arr.getClass());
      }
    }
  }

  @Test
  void primitiveArrayCopiesKeepTheirContents() throws Exception {
    ObjChannel ch = ObjChannel.create();
    long[] sent = {1L, Long.MAX_VALUE};
    ch.send(sent);
    sent[0] = 99;
    assertArrayEquals(new long[] {1L, Long.MAX_VALUE}, (long[]) ch.recv());
  }

  @Test
  void objectArraysArriveAsCopiesElementByElement() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    String[] words = {"x", "y"};
    List<String> mutable = a.call(() -> new ArrayList<>(List.of("m")));
    Object[] mixed = {"text", mutable, new int[] {1}, new String[] {"nested"}};
    a.call(
        () -> {
          ch.send(words);
          ch.send(mixed);
          return null;
        });
    words[0] = "changed after the send";
    assertEquals(1, a.liveShares(), "the mutable element is proxied");
    String[] gotWords = b.call(() -> ch.recv(String[].class));
    assertArrayEquals(new String[] {"x", "y"}, gotWords);
    Object[] gotMixed = b.call(() -> ch.recv(Object[].class));
    assertNotSame(mixed, gotMixed);
    assertSame(Object[].class, gotMixed.getClass());
    assertSame("text", gotMixed[0], "an immutable element crosses as itself");
    assertTrue(Proxies.isProxy(gotMixed[1]));
    assertNotSame(mixed[2], gotMixed[2]);
    assertArrayEquals(new String[] {"nested"}, (String[]) gotMixed[3]);
    Proxies.release(gotMixed[1]);
  }

  @Test
  void arrayArgumentsAndResultsOfProxyCallsAreCopies() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Fixtures.Joiner j =
        ProxyCallTest.proxyOf(a, b, new Fixtures.JoinerImpl(), Fixtures.Joiner.class);
    b.run(
        () -> {
          Object[] mine = {"v"};
          j.keep(mine);
          Object[] back = j.kept();
          assertNotSame(mine, back, "each crossing copies the array");
          assertArrayEquals(mine, back);
        });
    Proxies.release(j);
  }

  /** Varargs methods reach the owner with the argument array as the one trailing argument. */
  @Test
  void varargsProxyMethodsWork() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Fixtures.Joiner j =
        ProxyCallTest.proxyOf(a, b, new Fixtures.JoinerImpl(), Fixtures.Joiner.class);
    assertEquals("p+q in a", b.call(() -> j.join("p", "q")));
    assertEquals(" in a", b.call(() -> j.join()));
    Proxies.release(j);
  }

  @Test
  void anArrayWhoseElementWouldArriveAsTheWrongTypeIsRefused() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create();
    List<String> first = new ArrayList<>();
    Thread[] threads = {Thread.currentThread()};
    Object[] both = {first, threads};
    NotShareableException e =
        assertThrows(NotShareableException.class, () -> a.run(() -> sendUnchecked(ch, both)));
    assertTrue(e.getMessage().contains("java.lang.Thread[]"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Runnable"), e.getMessage());
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares(), "the first element's proxy share was released");
  }

  @Test
  void registeringForInterfacesPrimitivesOrPrimitiveArraysIsRefused() {
    Sharer<Object> any =
        new Sharer<>() {
          @Override
          public Object share(Object value) {
            return "x";
          }

          @Override
          public Object unshare(Object data) {
            return data;
          }
        };
    for (Class<?> bad : List.of(Box.class, int.class, int[].class)) {
      @SuppressWarnings("unchecked")
      Class<Object> c = (Class<Object>) bad;
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Shareables.register(c, any));
      assertTrue(e.getMessage().contains(bad.getName()), e.getMessage());
      assertFalse(Shareables.unregister(bad), "nothing was registered for " + bad);
    }
    assertThrows(NullPointerException.class, () -> Shareables.register(Money.class, null));
    assertThrows(NullPointerException.class, () -> Shareables.register(null, moneySharer));
    assertFalse(Shareables.unregister(Money.class));
  }
}
