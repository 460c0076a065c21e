package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link MemChannel#send} accepts and refuses. Every accepted kind arrives zero-copy (a
 * write by the sender after the send is seen through the view) and read-only; every refusal is
 * typed, says what to do, and leaves no share behind.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemChannelItemTypesTest {

  /** An item to send and a way for its sender to write the byte the view sees at an offset. */
  interface Fixture {
    Object item();

    long viewSize();

    void write(long viewOffset, byte value);
  }

  record Simple(Object item, long viewSize, Writer writer) implements Fixture {
    @Override
    public void write(long viewOffset, byte value) {
      writer.write(viewOffset, value);
    }
  }

  @FunctionalInterface
  interface Writer {
    void write(long viewOffset, byte value);
  }

  static Fixture segment(MemorySegment s) {
    return new Simple(s, s.byteSize(), (o, v) -> s.set(ValueLayout.JAVA_BYTE, o, v));
  }

  static Fixture buffer(ByteBuffer b) {
    int base = b.position();
    return new Simple(b, b.remaining(), (o, v) -> b.put(base + (int) o, v));
  }

  static Stream<Arguments> acceptedKinds() {
    List<Arguments> cases =
        List.of(
            Arguments.of("heap segment", (Function<Arena, Fixture>) a -> segment(MemorySegment.ofArray(new byte[32]))),
            Arguments.of("global segment", (Function<Arena, Fixture>) a -> segment(Arena.global().allocate(32))),
            Arguments.of("auto segment", (Function<Arena, Fixture>) a -> segment(Arena.ofAuto().allocate(32))),
            Arguments.of("shared-arena segment", (Function<Arena, Fixture>) a -> segment(a.allocate(32))),
            Arguments.of("slice of a shared segment", (Function<Arena, Fixture>) a -> segment(a.allocate(32).asSlice(8, 12))),
            Arguments.of(
                "heap ByteBuffer with position and limit",
                (Function<Arena, Fixture>) a -> buffer(ByteBuffer.allocate(32).position(3).limit(19))),
            Arguments.of(
                "direct ByteBuffer with position and limit",
                (Function<Arena, Fixture>) a -> buffer(ByteBuffer.allocateDirect(32).position(5).limit(29))),
            Arguments.of(
                "ByteBuffer over a shared segment",
                (Function<Arena, Fixture>) a -> buffer(a.allocate(32).asByteBuffer().position(1))),
            Arguments.of(
                "read-only view of a heap ByteBuffer",
                (Function<Arena, Fixture>)
                    a -> {
                      ByteBuffer b = ByteBuffer.allocate(32);
                      return new Simple(b.asReadOnlyBuffer().position(2), 30, (o, v) -> b.put(2 + (int) o, v));
                    }),
            Arguments.of(
                "byte[]",
                (Function<Arena, Fixture>)
                    a -> {
                      byte[] arr = new byte[32];
                      return new Simple(arr, 32, (o, v) -> arr[(int) o] = v);
                    }),
            Arguments.of(
                "SharedBuffer",
                (Function<Arena, Fixture>)
                    a -> {
                      SharedBuffer sb = SharedBuffer.allocate(32);
                      return new Simple(sb, 32, (o, v) -> sb.segment().set(ValueLayout.JAVA_BYTE, o, v));
                    }),
            Arguments.of(
                "custom BufferExporter",
                (Function<Arena, Fixture>)
                    a -> {
                      CountingExporter e = new CountingExporter(Arena.ofAuto().allocate(32));
                      return new Simple(e, 32, (o, v) -> e.memory.set(ValueLayout.JAVA_BYTE, o, v));
                    }));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedKinds")
  void acceptedKindArrivesZeroCopyAndReadOnly(String kind, Function<Arena, Fixture> make)
      throws Exception {
    try (Interpreter a = Interpreter.create("sender");
        Interpreter b = Interpreter.create("receiver");
        Arena arena = Arena.ofShared()) {
      MemChannel ch = MemChannel.create();
      Fixture f = a.call(() -> make.apply(arena));
      a.call(
          () -> {
            f.write(1, (byte) 11);
            ch.send(f.item());
            return null;
          });
      assertEquals(1, a.liveShares(), "one export per send");
      CrossInterpreterView v = recvIn(b, ch);
      assertEquals(f.viewSize(), v.byteSize(), kind + ": the view covers exactly the sent bytes");
      assertEquals(a, v.origin());
      assertEquals(11, v.segment().get(ValueLayout.JAVA_BYTE, 1));

      // Zero-copy: the sender writes after the send and the receiver sees it.
      a.run(() -> f.write(1, (byte) 42));
      a.run(() -> f.write(f.viewSize() - 1, (byte) 43));
      byte[] seen =
          b.call(
              () ->
                  new byte[] {
                    v.segment().get(ValueLayout.JAVA_BYTE, 1),
                    v.asByteBuffer().get(1),
                    v.segment().get(ValueLayout.JAVA_BYTE, v.byteSize() - 1)
                  });
      assertArrayEquals(new byte[] {42, 42, 43}, seen, kind + ": not zero-copy");

      // Read-only for the receiver, through every accessor.
      assertTrue(v.segment().isReadOnly());
      assertThrows(
          IllegalArgumentException.class, () -> v.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
      assertTrue(v.asByteBuffer().isReadOnly());
      assertThrows(ReadOnlyBufferException.class, () -> v.asByteBuffer().put(0, (byte) 1));
      assertEquals(0, v.segment().get(ValueLayout.JAVA_BYTE, 0), "a refused write changed memory");

      // toByteArray is an explicit copy: later writes do not reach it.
      byte[] copy = v.toByteArray();
      a.run(() -> f.write(1, (byte) 99));
      assertEquals(42, copy[1]);
      assertEquals(f.viewSize(), copy.length);

      v.release();
      assertNoLiveShares(a, b);
      if (f.item() instanceof CountingExporter e) {
        e.assertBalanced();
        assertEquals(List.of(a), e.acquiredIn);
        assertEquals(List.of(a), e.releasedIn);
      }
      if (f.item() instanceof SharedBuffer sb) {
        assertEquals(0, sb.exports());
        sb.close();
      }
    }
  }

  @Test
  void itemsArriveInSendOrderWhateverTheirKind() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      int n = 200;
      a.call(
          () -> {
            for (long i = 0; i < n; i++) {
              MemorySegment s = tagged(i, 8);
              Object item =
                  switch ((int) (i % 4)) {
                    case 0 -> s;
                    case 1 -> s.toArray(ValueLayout.JAVA_BYTE);
                    case 2 -> ByteBuffer.wrap(s.toArray(ValueLayout.JAVA_BYTE));
                    default -> new CountingExporter(s);
                  };
              ch.send(item);
            }
            return null;
          });
      assertEquals(n, ch.size());
      b.run(
          () -> {
            for (long i = 0; i < n; i++) {
              try (CrossInterpreterView v = ch.tryRecv()) {
                assertEquals(i, tagOf(v), "FIFO order broken");
              }
            }
            assertNull(ch.tryRecv());
          });
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void eachSendOfTheSameMemoryIsItsOwnExport() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      byte[] arr = {1, 2, 3};
      sendFrom(a, ch, arr);
      sendFrom(a, ch, arr);
      assertEquals(2, a.liveShares());
      CrossInterpreterView v1 = recvIn(b, ch);
      CrossInterpreterView v2 = recvIn(b, ch);
      v1.release();
      assertEquals(1, a.liveShares());
      assertArrayEquals(arr, v2.toByteArray());
      v2.release();
      assertNoLiveShares(a);
    }
  }

  @Test
  void emptyBuffersCrossToo() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      sendFrom(a, ch, new byte[0]);
      try (SharedBuffer sb = a.call(() -> SharedBuffer.allocate(0))) {
        sendFrom(a, ch, sb);
        for (int i = 0; i < 2; i++) {
          try (CrossInterpreterView v = ch.recv()) {
            assertEquals(0, v.byteSize());
            assertEquals(0, v.toByteArray().length);
          }
        }
      }
      assertNoLiveShares(a);
    }
  }

  @Test
  void theFormatTravelsWithTheExport() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter text =
          new CountingExporter(MemorySegment.ofArray("héllo".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public String format() {
              return "utf-8";
            }
          };
      sendFrom(a, ch, text);
      sendFrom(a, ch, new byte[] {1});
      try (SharedBuffer sb = a.call(() -> SharedBuffer.allocate(1))) {
        sendFrom(a, ch, sb);
        CrossInterpreterView v = ch.recv();
        assertEquals("utf-8", v.format());
        try (CrossInterpreterView s = v.share(); CrossInterpreterView sl = v.slice(0, 1)) {
          assertEquals("utf-8", s.format());
          assertEquals("utf-8", sl.format());
        }
        v.release();
        assertEquals("utf-8", v.format(), "still answers after release");
        for (int i = 0; i < 2; i++) {
          try (CrossInterpreterView plain = ch.recv()) {
            assertEquals(CrossInterpreterView.BYTES, plain.format());
            assertEquals("B", plain.format());
          }
        }
      }
      text.assertBalanced();
      assertNoLiveShares(a);
    }
  }

  @Test
  void aNullFormatMeansBytesAndAFailingOneSendsNothing() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter nullFormat =
          new CountingExporter(8) {
            @Override
            public String format() {
              return null;
            }
          };
      sendFrom(a, ch, nullFormat);
      try (CrossInterpreterView v = ch.recv()) {
        assertEquals(CrossInterpreterView.BYTES, v.format());
      }
      UnsupportedOperationException boom = new UnsupportedOperationException("no format");
      CountingExporter failing =
          new CountingExporter(9) {
            @Override
            public String format() {
              throw boom;
            }
          };
      assertSame(
          boom, assertThrows(UnsupportedOperationException.class, () -> sendFrom(a, ch, failing)));
      failing.assertBalanced();
      assertEquals(1, failing.releases.get(), "the acquire before the failing format() is released");
      assertEquals(0, ch.size());
      nullFormat.assertBalanced();
      assertNoLiveShares(a);
    }
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void confinedSegmentIsRefusedWithoutLeakingAShare() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(4);
      a.run(
          () -> {
            try (Arena confined = Arena.ofConfined()) {
              MemorySegment s = confined.allocate(16);
              for (Object item : List.of(s, s.asByteBuffer())) {
                NotShareableException e =
                    assertThrows(NotShareableException.class, () -> ch.send(item));
                assertTrue(e.getMessage().contains("confined"), e.getMessage());
                assertTrue(e.getMessage().contains("Arena.ofShared()"), "names the fix: " + e.getMessage());
                assertThrows(NotShareableException.class, () -> ch.trySend(item));
                assertThrows(
                    NotShareableException.class, () -> ch.send(item, Duration.ofSeconds(1)));
              }
            }
          });
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
      assertFalse(ch.isClosed());
    }
  }

  @Test
  void exporterOfConfinedMemoryIsRefusedAndItsExportReleased() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      a.run(
          () -> {
            try (Arena confined = Arena.ofConfined()) {
              CountingExporter e = new CountingExporter(confined.allocate(8));
              assertThrows(NotShareableException.class, () -> ch.send(e));
              assertEquals(1, e.acquires.get());
              assertEquals(1, e.releases.get(), "the refused acquire must be released");
              assertEquals(List.of(a, a), List.of(e.acquiredIn.get(0), e.releasedIn.get(0)));
            }
          });
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void unsupportedTypesAreRefusedNamingTheTypeAndTheFix() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      for (Object item : List.of("text", 42, new char[4], new Object(), List.of(new byte[1]))) {
        NotShareableException e =
            assertThrows(NotShareableException.class, () -> sendFrom(a, ch, item));
        assertTrue(e.getMessage().contains(item.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("BufferExporter"), e.getMessage());
        assertTrue(e.getMessage().contains("ObjChannel"), e.getMessage());
        assertThrows(NotShareableException.class, () -> a.call(() -> ch.trySend(item)));
        assertThrows(
            NotShareableException.class, () -> a.call(() -> ch.send(item, Duration.ZERO)));
      }
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void trySendRefusesUnsupportedTypesToo() {
    MemChannel ch = MemChannel.create();
    assertThrows(NotShareableException.class, () -> ch.trySend("text"));
    assertEquals(0, ch.size());
  }

  @Test
  void nullIsRefusedWithNullPointerException() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(0);
      a.run(
          () -> {
            NullPointerException e = assertThrows(NullPointerException.class, () -> ch.send(null));
            assertTrue(e.getMessage().contains("null"), e.getMessage());
            assertThrows(NullPointerException.class, () -> ch.trySend(null));
            assertThrows(NullPointerException.class, () -> ch.send(null, Duration.ZERO));
          });
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void memoryOfAClosedArenaIsRefusedWithIllegalStateException() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      a.run(
          () -> {
            Arena shared = Arena.ofShared();
            MemorySegment s = shared.allocate(8);
            ByteBuffer bb = s.asByteBuffer();
            CountingExporter e = new CountingExporter(s);
            shared.close();
            Arena confined = Arena.ofConfined();
            MemorySegment c = confined.allocate(8);
            confined.close();
            for (Object item : List.of(s, bb, c, e)) {
              IllegalStateException x = assertThrows(IllegalStateException.class, () -> ch.send(item));
              assertTrue(x.getMessage().contains("no longer alive"), x.getMessage());
            }
            e.assertBalanced();
          });
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void closedSharedBufferIsRefused() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      SharedBuffer sb = a.call(() -> SharedBuffer.allocate(8));
      sb.close();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> sendFrom(a, ch, sb));
      assertTrue(e.getMessage().contains("closed"), e.getMessage());
      assertEquals(0, sb.exports());
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void exporterFailuresPropagateAndLeaveNothing() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      IllegalStateException boom = new IllegalStateException("boom");
      BufferExporter failing =
          new BufferExporter() {
            @Override
            public MemorySegment acquireExport() {
              throw boom;
            }

            @Override
            public void releaseExport(MemorySegment exported) {
              throw new AssertionError("nothing was acquired");
            }
          };
      assertSame(boom, assertThrows(IllegalStateException.class, () -> sendFrom(a, ch, failing)));

      BufferExporter nullReturning =
          new BufferExporter() {
            @Override
            public MemorySegment acquireExport() {
              return null;
            }

            @Override
            public void releaseExport(MemorySegment exported) {}
          };
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> sendFrom(a, ch, nullReturning));
      assertTrue(e.getMessage().contains("returned null"), e.getMessage());
      assertEquals(0, ch.size());
      assertEquals(0, a.liveShares());
    }
  }
}
