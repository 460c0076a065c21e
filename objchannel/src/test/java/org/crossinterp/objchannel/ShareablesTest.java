package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.memchannel.SharedBuffer;
import org.crossinterp.objchannel.Fixtures.Circle;
import org.crossinterp.objchannel.Fixtures.Color;
import org.crossinterp.objchannel.Fixtures.Drawing;
import org.crossinterp.objchannel.Fixtures.End;
import org.crossinterp.objchannel.Fixtures.Holder;
import org.crossinterp.objchannel.Fixtures.Line;
import org.crossinterp.objchannel.Fixtures.Link;
import org.crossinterp.objchannel.Fixtures.Named;
import org.crossinterp.objchannel.Fixtures.NamedList;
import org.crossinterp.objchannel.Fixtures.Point;
import org.crossinterp.objchannel.Fixtures.WithBuilder;
import org.crossinterp.objchannel.Fixtures.WithList;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule 1: immutable values cross as they are; everything else does not. */
class ShareablesTest extends ObjTestSupport {

  static Stream<Object> immutableValues() {
    return Stream.of(
        "text",
        "",
        42,
        42L,
        (short) 7,
        (byte) 8,
        3.5,
        1.5f,
        'c',
        true,
        new BigInteger("123456789012345678901234567890"),
        new BigDecimal("3.14159"),
        UUID.randomUUID(),
        Color.RED,
        Color.GREEN, // an enum constant with a body: a subclass of the enum
        LocalDate.of(2024, 2, 29),
        Instant.ofEpochSecond(1_700_000_000L),
        Duration.ofMillis(1500),
        ZonedDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
        ZoneId.of("Europe/Paris"), // a package-private ZoneRegion
        DateTimeFormatter.ISO_DATE,
        Optional.of("x"),
        Optional.empty(),
        OptionalInt.of(3),
        new Point(1, 2),
        new Line(new Point(0, 0), new Point(3, 4), "diagonal", Color.GREEN),
        new Drawing(new Circle(2.0), ZoneId.of("UTC")),
        new Link(1, new Link(2, new End())),
        List.of(),
        List.of(1, "a", new Point(5, 6)),
        List.of(List.of(1), Map.of("k", Set.of("v"))),
        Map.of("k", List.of(1, 2)),
        Map.copyOf(Map.of(1, "one", 2, "two")),
        Set.of("a", "b", "c"),
        List.copyOf(new ArrayList<>(List.of(1, 2, 3))),
        Stream.of(1, 2).toList(),
        List.of(1, 2, 3, 4).subList(1, 3),
        Map.entry("k", 1),
        Collections.emptyList(),
        Collections.singletonList("only"),
        Optional.of(List.of(new Point(1, 1))),
        Interpreter.main(),
        new Fixtures.Route("replies", ObjChannel.create()),
        ObjChannel.create(),
        MemChannel.create(),
        StrView.wrap(MemorySegment.ofArray("héllo".getBytes(StandardCharsets.UTF_8)), Encoding.UTF8));
  }

  @ParameterizedTest(autoCloseArguments = false) // Interpreter.main() cannot be closed
  @MethodSource("immutableValues")
  void immutableValuesArriveAsTheIdenticalObject(Object value) throws Exception {
    assertTrue(Shareables.isShareable(value), () -> value.getClass() + " should be shareable");
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    a.call(
        () -> {
          ch.send(value);
          return null;
        });
    assertEquals(0, a.liveShares(), "an immutable value pins nothing in its sender");
    Object received = b.call(ch::recv);
    assertSame(value, received);
    assertFalse(Proxies.isProxy(received));
  }

  static Stream<Object> notShareableAsIs() {
    return Stream.of(
        new ArrayList<>(List.of(1)),
        new StringBuilder("x"),
        new AtomicInteger(),
        new int[] {1},
        new WithList(List.of("a")), // declared List: not provably immutable, whatever it holds
        new WithBuilder(new StringBuilder()),
        new Holder<>("x"), // a generic component is declared Object
        new NamedList("n", List.of()),
        List.of(new ArrayList<>()),
        Map.of("k", new StringBuilder()),
        Optional.of(new StringBuilder()),
        Collections.unmodifiableList(new ArrayList<>()), // a view of a mutable list
        List.of(1, 2).iterator(), // an immutable list's iterator is mutable
        Map.of(1, 2, 3, 4).entrySet().iterator(),
        new DateTimeFormatterBuilder(), // java.time, final, public, but mutable
        new Fixtures.BoxImpl());
  }

  @ParameterizedTest
  @MethodSource("notShareableAsIs")
  void mutableThingsAreNotShareableAsIs(Object value) {
    assertFalse(Shareables.isShareable(value), () -> value.getClass() + " must not be shareable");
  }

  @Test
  void nullIsNotShareable() {
    assertFalse(Shareables.isShareable(null));
  }

  @Test
  void aRecordWithAMutableComponentAndNoInterfaceIsRefusedNamingTheComponent() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create();
    NotShareableException e =
        assertThrows(
            NotShareableException.class,
            () -> a.run(() -> sendUnchecked(ch, new WithBuilder(new StringBuilder("t")))));
    assertTrue(e.getMessage().contains(WithBuilder.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("'text'"), "names the component: " + e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
    assertTrue(e.getMessage().contains("Shareables.register"), "says the fix: " + e.getMessage());
    assertEquals(0, ch.size(), "nothing was sent");
    assertEquals(0, a.liveShares());
  }

  @Test
  void aRecordWithAListComponentAndAnInterfaceIsProxied() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    NamedList original = new NamedList("names", List.of("x"));
    a.run(() -> sendUnchecked(ch, original));
    assertEquals(1, a.liveShares(), "a proxy in flight pins the record in its owner");
    b.run(
        () -> {
          Named n = recvUnchecked(ch, Named.class);
          assertTrue(Proxies.isProxy(n));
          assertSame(a, Proxies.owner(n));
          assertEquals("names", n.name());
          Proxies.release(n);
        });
    assertEquals(0, a.liveShares());
  }

  @Test
  void anOptionalOfSomethingMutableIsRefusedNamingItsContent() throws Exception {
    Interpreter a = interp("a");
    ObjChannel ch = ObjChannel.create();
    NotShareableException e =
        assertThrows(
            NotShareableException.class,
            () -> a.run(() -> sendUnchecked(ch, Optional.of(new StringBuilder()))));
    assertTrue(e.getMessage().contains("java.util.Optional"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix"), e.getMessage());
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares());
  }

  @Test
  void anImmutableListOfMutableThingsArrivesAsAProxyWhoseElementsAreProxies() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    List<StringBuilder> inner = a.call(() -> List.of(new StringBuilder("v")));
    a.run(() -> sendUnchecked(ch, inner));
    b.run(
        () -> {
          List<?> list = recvUnchecked(ch, List.class);
          assertTrue(Proxies.isProxy(list));
          Object first = list.get(0);
          assertTrue(Proxies.isProxy(first), "the element stays in its owner too");
          assertEquals("v", first.toString());
          Proxies.release(first);
          Proxies.release(list);
        });
    assertEquals(0, a.liveShares());
  }

  @Test
  void anIteratorOfAnImmutableListIsProxiedNotSharedAsIs() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    Iterator<Integer> it = a.call(() -> List.of(1, 2).iterator());
    a.run(() -> sendUnchecked(ch, it));
    b.run(
        () -> {
          Iterator<?> p = recvUnchecked(ch, Iterator.class);
          assertTrue(Proxies.isProxy(p));
          assertEquals(1, p.next());
          assertEquals(2, p.next());
          assertFalse(p.hasNext());
          Proxies.release(p);
        });
  }

  @Test
  void aViewArrivesAsANewShareOfTheSameMemory() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter c = interp("c");
    MemChannel mem = MemChannel.create();
    ObjChannel ch = ObjChannel.create();
    SharedBuffer buf =
        a.call(
            () -> {
              SharedBuffer s = SharedBuffer.allocate(8);
              s.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0x1234L);
              mem.send(s);
              return s;
            });
    CrossInterpreterView first = b.call(mem::recv);
    assertTrue(Shareables.isShareable(first));
    b.run(() -> sendUnchecked(ch, first));
    CrossInterpreterView second = c.call(() -> (CrossInterpreterView) ch.recv());
    assertNotSame(first, second);
    assertFalse(first.isReleased(), "the sender keeps its own view");
    assertEquals(0x1234L, second.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    assertSame(a, second.origin());
    assertEquals(1, buf.exports(), "both views are shares of the one export");
    first.release();
    assertEquals(1, a.liveShares(), "the second share still pins the export");
    second.release();
    assertEquals(0, a.liveShares());
    a.run(buf::close);
  }

  @Test
  void aViewInsideAContainerIsNotSharedAsIsAndAReleasedViewCannotBeSent() throws Exception {
    Interpreter a = interp("a");
    MemChannel mem = MemChannel.create();
    ObjChannel ch = ObjChannel.create();
    a.run(() -> sendUnchecked(mem, new byte[] {1, 2, 3}));
    CrossInterpreterView v = mem.recv();
    // inside a container it would cross as the identical object, not as a new share
    assertFalse(Shareables.isShareable(List.of(v)));
    assertFalse(Shareables.isShareable(Optional.of(v)));
    v.release();
    assertFalse(Shareables.isShareable(v));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ch.send(v));
    assertTrue(e.getMessage().contains("released"), e.getMessage());
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares());
  }

  @Test
  void aChannelSentOverAChannelArrivesAsTheSameChannel() throws Exception {
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    ObjChannel inner = ObjChannel.create(3);
    ch.send(inner);
    ObjChannel got = b.call(() -> ch.recv(ObjChannel.class));
    assertSame(inner, got);
    got.send("through the inner channel");
    assertEquals("through the inner channel", inner.recv());
  }

  @Test
  void theRecordCheckIsPerDeclaredTypeNotPerValue() {
    assertTrue(Shareables.isShareable(new Point(1, 2)));
    assertFalse(Shareables.isShareable(new WithList(List.of())), "even an immutable List.of");
    assertFalse(Shareables.isShareable(new Holder<>(1)), "even an immutable Integer");
    assertArrayEquals(
        new boolean[] {true, true},
        new boolean[] {
          Shareables.isShareable(new Drawing(new Fixtures.Square(1), ZoneId.of("UTC"))),
          Shareables.isShareable(new Link(1, new End()))
        },
        "sealed types whose permitted subtypes are immutable records are immutable");
  }

  static void sendUnchecked(org.crossinterp.Channel<Object, ?> ch, Object o) {
    try {
      ch.send(o);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static <T> T recvUnchecked(ObjChannel ch, Class<T> as) {
    try {
      return ch.recv(as);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
