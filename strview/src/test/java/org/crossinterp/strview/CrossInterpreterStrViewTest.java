package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.memchannel.SharedBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A StrView crosses interpreters zero-copy: sent over a {@link MemChannel}, it arrives as a
 * StrView over the same memory with its encoding; its release runs in the origin; using it
 * after release fails; slices outlive their parent, subSequences do not.
 */
@Timeout(60)
class CrossInterpreterStrViewTest {
  private static long leaksBefore;

  @BeforeAll
  static void countLeaks() {
    leaksBefore = LeakDetector.leakCount();
  }

  @AfterAll
  static void nothingLeaked() {
    assertEquals(
        leaksBefore,
        LeakDetector.leakCount(),
        "no view or encoded text was dropped without release (StrViewLeakTest drops them)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain ASCII text", "caf\u00e9 cr\u00e8me \u00ff", "\u4e16\u754c \ud83d\ude00 mixed", ""})
  void anEncodedStrViewArrivesAsAStrViewOverTheSameMemory(String text) throws Exception {
    try (Interpreter a = Interpreter.create("a"); Interpreter b = Interpreter.create("b")) {
      MemChannel ch = MemChannel.create();
      StrView sent = a.call(() -> {
        StrView v = StrView.encode(text);
        ch.send(v);
        return v;
      });
      Encoding expected = TextGen.fitsLatin1(text) ? Encoding.LATIN1 : Encoding.UTF16LE;
      assertEquals(expected, sent.encoding());
      assertEquals(1, a.liveShares(), "one export in flight");
      long address = sent.bytes().address();
      b.call(() -> {
        CrossInterpreterView view = ch.recv();
        assertEquals(expected.format(), view.format(), "the encoding travels with the item");
        assertSame(a, view.origin());
        StrView got = StrView.of(view);
        assertEquals(expected, got.encoding());
        assertEquals(text, got.toString());
        assertEquals(text.hashCode(), got.hashCode());
        assertEquals(sent, got);
        assertEquals(address, got.bytes().address(), "same memory, no copy");
        // releasing the sender's StrView does not free the memory under the reader
        a.call(() -> {
          sent.release();
          return null;
        });
        assertEquals(1, a.liveShares());
        StrView fresh = StrView.of(view.share());
        assertEquals(text, fresh.toString(), "still readable after the sender released its own");
        fresh.release();
        got.release();
        assertTrue(view.isReleased(), "the StrView took over the view");
        return null;
      });
      assertEquals(0, a.liveShares(), "the release ran in the origin");
      assertEquals(0, b.liveShares());
    }
  }

  @Test
  void aSharedBufferOfUtf8IsReadInPlaceAndReleasedInTheOrigin() throws Exception {
    try (Interpreter a = Interpreter.create("writer"); Interpreter b = Interpreter.create("reader")) {
      MemChannel ch = MemChannel.create();
      byte[] utf8 = "h\u00e9llo, w\u00f6rld \ud83d\ude00!".getBytes(StandardCharsets.UTF_8);
      AtomicReference<Interpreter> releasedIn = new AtomicReference<>();
      SharedBuffer buf = a.call(() -> {
        SharedBuffer sb = SharedBuffer.allocate(utf8.length);
        MemorySegment.copy(utf8, 0, sb.segment(), ValueLayout.JAVA_BYTE, 0, utf8.length);
        ch.send(sb);
        sb.onAllSharesReleased(() -> releasedIn.set(Interpreter.current()));
        return sb;
      });
      CrossInterpreterView view = b.call(ch::recv);
      StrView text = b.call(() -> StrView.of(view, Encoding.UTF8));
      assertEquals("h\u00e9llo, w\u00f6rld \ud83d\ude00!", b.call(text::toString));
      assertEquals(buf.segment().address(), text.bytes().address(), "zero-copy");
      // the writer's change shows through the reader's StrView: it reads the same memory
      a.run(() -> buf.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'H'));
      StrView again = b.call(() -> StrView.of(view.share(), Encoding.UTF8));
      assertEquals('H', again.charAt(0));
      assertEquals('H', text.charAt(0), "charAt reads the bytes, not a copy");
      assertEquals(1, a.liveShares());
      assertEquals(1, buf.exports());
      b.run(again::release);
      assertEquals(1, a.liveShares(), "one view of the send is still live");
      b.run(text::release);
      assertEquals(0, a.liveShares());
      assertEquals(0, buf.exports());
      assertSame(a, releasedIn.get(), "the export's release ran in the origin interpreter");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> text.charAt(0));
      assertTrue(e.getMessage().contains("released"), e.getMessage());
      buf.close();
    }
  }

  @Test
  void encodedMemoryIsFreedOnlyAfterTheLastReaderLetsGo() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      StrView sent = a.call(() -> StrView.encode("kept alive by the reader"));
      MemorySegment memory = sent.bytes();
      a.run(() -> sendUnchecked(ch, sent));
      StrView got = b.call(() -> StrView.of(ch.recv()));
      StrView part = got.slice(0, 4);
      a.run(sent::release);
      assertTrue(memory.scope().isAlive(), "the reader still reads it");
      got.release();
      assertTrue(memory.scope().isAlive(), "a slice still reads it");
      assertEquals("kept", part.toString());
      part.release();
      assertFalse(memory.scope().isAlive(), "freed once every reader let go");
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void usingAReleasedStrViewThrowsIllegalStateException() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      a.run(() -> {
        try (StrView sent = StrView.encode("one two\nthree")) {
          sendUnchecked(ch, sent);
        }
      });
      StrView v = b.call(() -> StrView.of(ch.recv()));
      StrView part = v.subSequence(4, 7);
      Tokenizer lines = v.lines();
      assertTrue(lines.next());
      v.release();
      v.release(); // idempotent
      assertTrue(v.isReleased());
      assertTrue(part.isReleased(), "a subSequence shares the lifetime");
      List<Runnable> uses = List.of(
          v::length, v::isEmpty, () -> v.charAt(0), v::toString, v::hashCode, v::isAscii,
          v::bytes, () -> v.subSequence(0, 1), () -> v.slice(0, 1), () -> v.indexOf('t'),
          () -> v.indexOf("two"), () -> v.lastIndexOf('o'), () -> v.lastIndexOf("o"),
          () -> v.contains("x"), () -> v.startsWith("o"), () -> v.endsWith("e"),
          () -> v.contentEquals("one"), () -> v.compareTo("a"), () -> v.chars().sum(),
          () -> v.codePoints().count(), v::lines, () -> v.tokens(' '), v::acquireExport,
          () -> v.equals(StrView.wrap(MemorySegment.ofArray(new byte[] {'x'}), Encoding.LATIN1)),
          part::toString, () -> part.charAt(0), lines::next,
          lines::token);
      for (Runnable use : uses) {
        IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
      }
      // what does not read the text still answers
      assertEquals(Encoding.LATIN1, v.encoding());
      assertEquals("latin-1", v.format());
      assertEquals(0, a.liveShares());
      // sending a released StrView is refused and leaves nothing behind
      b.run(() -> assertThrows(IllegalStateException.class, () -> ch.send(v)));
      assertEquals(0, ch.size());
      assertEquals(0, b.liveShares());
    }
  }

  @Test
  void releasingTheTakenOverViewDirectlyEndsTheStrViewToo() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      a.run(() -> sendUnchecked(ch, "direct".getBytes(StandardCharsets.US_ASCII)));
      b.run(() -> {
        CrossInterpreterView view = uncheckedRecv(ch);
        StrView v = StrView.of(view, Encoding.UTF8);
        assertEquals('d', v.charAt(0));
        view.release();
        assertTrue(v.isReleased());
        assertThrows(IllegalStateException.class, () -> v.charAt(0));
        v.release(); // still fine, idempotent
      });
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void aSliceOutlivesItsParentASubSequenceDoesNot() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      MemorySegment text = Arena.ofAuto().allocate(64);
      byte[] utf8 = "ab\u00e7d\ud83d\ude00fgh".getBytes(StandardCharsets.UTF_8);
      MemorySegment.copy(utf8, 0, text, ValueLayout.JAVA_BYTE, 0, utf8.length);
      a.run(() -> sendUnchecked(ch, StrView.wrap(text.asSlice(0, utf8.length), Encoding.UTF8)));
      b.run(() -> {
        StrView v = StrView.of(uncheckedRecv(ch));
        assertEquals(Encoding.UTF8, v.encoding());
        StrView slice = v.slice(2, 7);
        StrView sub = v.subSequence(2, 7);
        StrView splitPair = v.slice(5, 8); // starts at the low half of the emoji
        assertEquals("\u00e7d\ud83d\ude00f", slice.toString());
        v.release();
        assertEquals(1, a.liveShares(), "the slices hold the export");
        assertEquals("\u00e7d\ud83d\ude00f", slice.toString());
        assertEquals('\u00e7', slice.charAt(0));
        assertEquals("\ude00fg", splitPair.toString());
        assertThrows(IllegalStateException.class, () -> sub.charAt(0));
        StrView sliceOfSlice = slice.slice(1, 2);
        slice.release();
        assertEquals("d", sliceOfSlice.toString());
        sliceOfSlice.release();
        assertEquals(1, a.liveShares());
        splitPair.release();
      });
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void slicesOfEncodedAndWrappedTextHaveTheirOwnLifetime() {
    StrView enc = StrView.encode("encoded text");
    StrView encSlice = enc.slice(0, 7);
    enc.release();
    assertEquals("encoded", encSlice.toString(), "the slice keeps the encoded buffer open");
    encSlice.release();
    assertThrows(IllegalStateException.class, () -> encSlice.charAt(0));

    StrView wrapped = StrView.wrap(MemorySegment.ofArray("wrapped".getBytes(StandardCharsets.US_ASCII)), Encoding.UTF8);
    StrView wrapSlice = wrapped.slice(0, 4);
    StrView wrapSub = wrapped.subSequence(0, 4);
    wrapped.release();
    assertEquals("wrap", wrapSlice.toString());
    assertThrows(IllegalStateException.class, wrapSub::toString);
  }

  @Test
  void ofWithTheWrongEncodingIsRefusedAndLeaksNothing() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      a.run(() -> {
        sendUnchecked(ch, StrView.wrap(MemorySegment.ofArray("na\u00efve".getBytes(StandardCharsets.UTF_8)), Encoding.UTF8));
        try (StrView encoded = StrView.encode("\u4e16\u754c")) {
          sendUnchecked(ch, encoded); // the send holds its own export
        }
      });
      assertEquals(2, a.liveShares());
      b.run(() -> {
        CrossInterpreterView utf8 = uncheckedRecv(ch);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StrView.of(utf8, Encoding.LATIN1));
        assertTrue(e.getMessage().contains("UTF8"), e.getMessage());
        assertTrue(e.getMessage().contains("StrView.of(view)"), "names the fix: " + e.getMessage());
        assertFalse(utf8.isReleased(), "not consumed");
        assertEquals("na\u00efve", StrView.of(utf8, Encoding.UTF8).toString()); // the right one works
        utf8.release();
        CrossInterpreterView utf16 = uncheckedRecv(ch);
        assertThrows(IllegalArgumentException.class, () -> StrView.of(utf16, Encoding.UTF8));
        assertFalse(utf16.isReleased());
        utf16.release();
      });
      assertEquals(0, a.liveShares(), "nothing leaked");
      assertEquals(0, b.liveShares());
    }
  }

  @Test
  void aStrViewForwardedToAThirdInterpreterKeepsTheOriginalExportAlive() throws Exception {
    try (Interpreter a = Interpreter.create("a");
        Interpreter b = Interpreter.create("b");
        Interpreter c = Interpreter.create("c")) {
      MemChannel ab = MemChannel.create();
      MemChannel bc = MemChannel.create();
      String text = "forwarded \u00e9\u4e16\ud83d\ude00 text";
      a.run(() -> {
        StrView v = StrView.wrap(
            Arena.ofAuto().allocateFrom(text, StandardCharsets.UTF_8).asSlice(0, text.getBytes(StandardCharsets.UTF_8).length),
            Encoding.UTF8);
        sendUnchecked(ab, v);
      });
      b.run(() -> {
        StrView v = StrView.of(uncheckedRecv(ab));
        sendUnchecked(bc, v.subSequence(10, 14));
        v.release(); // b is done; c still reads
      });
      assertEquals(1, a.liveShares());
      assertEquals(1, b.liveShares());
      c.run(() -> {
        StrView v = StrView.of(uncheckedRecv(bc));
        assertEquals("\u00e9\u4e16\ud83d\ude00", v.toString());
        assertEquals(Encoding.UTF8, v.encoding());
        v.release();
      });
      assertEquals(0, b.liveShares());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  @Timeout(120)
  void manyInterpretersReadOneEncodedTextAtOnce() throws Exception {
    Random r = new Random(42);
    String text = TextGen.text(r, TextGen.Kind.MIXED, 20_000);
    String utf8Text = TextGen.text(r, TextGen.Kind.MIXED, 20_000);
    int readers = 8;
    int rounds = 25;
    List<Interpreter> interps = new ArrayList<>();
    try (Interpreter a = Interpreter.create("origin")) {
      MemChannel ch = MemChannel.create(4);
      MemorySegment utf8 = Arena.ofAuto().allocateFrom(utf8Text, StandardCharsets.UTF_8);
      utf8 = utf8.asSlice(0, utf8.byteSize() - 1); // without the terminating NUL
      StrView encoded = a.call(() -> StrView.encode(text));
      StrView shared = StrView.wrap(utf8, Encoding.UTF8);
      for (int i = 0; i < readers; i++) {
        interps.add(Interpreter.create("reader-" + i));
      }
      List<CompletableFuture<Integer>> done = new ArrayList<>();
      for (Interpreter in : interps) {
        done.add(in.submit(() -> {
          int ok = 0;
          Random rr = new Random(in.id());
          for (int k = 0; k < 2 * rounds; k++) {
            StrView v = StrView.of(ch.recv());
            String want = v.encoding() == Encoding.UTF8 ? utf8Text : text;
            assertEquals(want.hashCode(), v.hashCode());
            for (int j = 0; j < 200; j++) {
              int i = rr.nextInt(want.length());
              assertEquals(want.charAt(i), v.charAt(i));
            }
            assertEquals(want.indexOf('\n', 5000), v.indexOf('\n', 5000));
            v.release();
            ok++;
          }
          return ok;
        }));
      }
      a.run(() -> {
        for (int k = 0; k < readers * rounds; k++) {
          sendUnchecked(ch, encoded);
          sendUnchecked(ch, shared);
        }
      });
      for (CompletableFuture<Integer> f : done) {
        assertEquals(2 * rounds, f.get());
      }
      a.run(encoded::release);
      assertEquals(0, a.liveShares());
      for (Interpreter in : interps) {
        assertEquals(0, in.liveShares());
      }
    } finally {
      interps.forEach(Interpreter::close);
    }
  }

  static void sendUnchecked(MemChannel ch, Object item) {
    try {
      ch.send(item);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static CrossInterpreterView uncheckedRecv(MemChannel ch) {
    try {
      return ch.recv();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
