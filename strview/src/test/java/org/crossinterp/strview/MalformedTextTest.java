package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed UTF-8 (and odd-length UTF-16LE) is refused at wrap time with a {@link
 * MalformedTextException} that names the offset of the bad sequence, with the JDK's strict
 * decoder as the oracle for where that is; nothing is retained.
 */
@Timeout(60)
class MalformedTextTest {
  /** Bad sequences, each with what the message must say about it. */
  static Stream<Arguments> badSequences() {
    return Stream.of(
        bad("truncated 2-byte at end", "C3", "truncated"),
        bad("truncated 3-byte (1 of 3)", "E2", "truncated"),
        bad("truncated 3-byte (2 of 3)", "E2 82", "truncated"),
        bad("truncated 4-byte (1 of 4)", "F0", "truncated"),
        bad("truncated 4-byte (3 of 4)", "F0 9F 98", "truncated"),
        bad("2-byte lead then ASCII", "C3 41", "not a continuation byte"),
        bad("3-byte lead, ASCII third", "E2 82 41", "not a continuation byte"),
        bad("4-byte lead, lead as fourth", "F0 9F 98 C3 A9", "not a continuation byte"),
        bad("overlong C0", "C0 80", "overlong"),
        bad("overlong C1", "C1 BF", "overlong"),
        bad("overlong E0 80", "E0 80 80", "overlong"),
        bad("overlong E0 9F", "E0 9F BF", "overlong"),
        bad("overlong F0 80", "F0 80 80 80", "overlong"),
        bad("overlong F0 8F", "F0 8F BF BF", "overlong"),
        bad("surrogate ED A0", "ED A0 80", "surrogate"),
        bad("surrogate ED BF", "ED BF BF", "surrogate"),
        bad("CESU-8 pair", "ED A0 BD ED B8 80", "surrogate"),
        bad("above U+10FFFF F4 90", "F4 90 80 80", "above U+10FFFF"),
        bad("lead F5", "F5 80 80 80", "above 0xF4"),
        bad("lead F8", "F8 88 80 80 80", "above 0xF4"),
        bad("lead FE", "FE", "above 0xF4"),
        bad("lead FF", "FF", "above 0xF4"),
        bad("lone continuation 80", "80", "continuation byte cannot start"),
        bad("lone continuation BF", "BF", "continuation byte cannot start"),
        badAt("extra continuation after 2-byte", "C3 A9 A9", 2, "continuation byte cannot start"),
        badAt("valid 4-byte then lone F0", "F0 9F 98 80 F0", 4, "truncated"));
  }

  private static Arguments bad(String name, String hex, String why) {
    return badAt(name, hex, 0, why);
  }

  /** A bad sequence {@code offset} bytes into {@code hex}. */
  private static Arguments badAt(String name, String hex, int offset, String why) {
    return Arguments.of(name, HexFormat.ofDelimiter(" ").parseHex(hex), offset, why);
  }

  /** Where the bad bytes go: alone, after a long ASCII run, after multi-byte text, before text. */
  enum Place {
    ALONE("", ""),
    AFTER_LONG_ASCII("x".repeat(203), ""),
    AFTER_MULTIBYTE("h\u00e9llo w\u00f6rld \u4e16\u754c \ud83d\ude00 ", ""),
    MIDDLE_OF_ASCII("0123456789abcdefghijklmnopqrstuvwxyz".repeat(5), "tail of ascii text, long enough for words"),
    MIDDLE_OF_MIXED("\u00e9".repeat(40) + "abcdefgh".repeat(9), "\u4e16\u754c and more");

    final String before;
    final String after;

    Place(String before, String after) {
      this.before = before;
      this.after = after;
    }
  }

  static Stream<Arguments> badSequencesEverywhere() {
    return badSequences()
        .flatMap(a -> Stream.of(Place.values()).map(p -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], p)))
        // a truncated sequence followed by more text is not truncated but broken; same offset
        .filter(a -> !(a.get()[3].equals("truncated") && !((Place) a.get()[4]).after.isEmpty()));
  }

  static byte[] concat(String before, byte[] bad, String after) {
    byte[] b = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + bad.length + c.length];
    System.arraycopy(b, 0, out, 0, b.length);
    System.arraycopy(bad, 0, out, b.length, bad.length);
    System.arraycopy(c, 0, out, b.length + bad.length, c.length);
    return out;
  }

  /** The JDK's strict decoder's offset of the first malformed sequence, or -1 if valid. */
  static long jdkMalformedOffset(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length * 2 + 2);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      return in.position();
    }
    r = d.flush(out);
    return r.isError() ? in.position() : -1;
  }

  @ParameterizedTest(name = "{0} at {4}")
  @MethodSource("badSequencesEverywhere")
  void malformedUtf8IsRefusedNamingTheOffset(
      String name, byte[] bad, int offset, String why, Place place) {
    byte[] bytes = concat(place.before, bad, place.after);
    long at = place.before.getBytes(StandardCharsets.UTF_8).length + offset;
    assertEquals(at, jdkMalformedOffset(bytes), "oracle: the JDK's decoder finds it there too");
    for (MemorySegment m : segments(bytes)) {
      MalformedTextException e =
          assertThrows(MalformedTextException.class, () -> StrView.wrap(m, Encoding.UTF8), name);
      assertEquals(at, e.byteOffset(), name + ": byteOffset()");
      assertTrue(e.getMessage().contains("byte offset " + at + " "), e.getMessage());
      assertTrue(e.getMessage().contains(why), "says why: " + e.getMessage());
      assertTrue(e.getMessage().contains("wrap the bytes with the encoding"), "says the fix: " + e.getMessage());
      assertTrue(e instanceof org.crossinterp.CrossInterpreterException);
    }
  }

  /** The same bytes on the heap, in native memory, and in the middle of larger memory. */
  private static List<MemorySegment> segments(byte[] bytes) {
    List<MemorySegment> out = new ArrayList<>();
    out.add(MemorySegment.ofArray(bytes));
    MemorySegment nat = Arena.ofAuto().allocate(bytes.length + 16, 8);
    MemorySegment.copy(bytes, 0, nat, ValueLayout.JAVA_BYTE, 3, bytes.length);
    out.add(nat.asSlice(3, bytes.length));
    return out;
  }

  @Test
  void validBoundarySequencesAreAccepted() {
    String[] good = {
      "00", "7F", "C2 80", "DF BF", "E0 A0 80", "EC BF BF", "ED 80 80", "ED 9F BF", "EE 80 80",
      "EF BF BF", "F0 90 80 80", "F3 BF BF BF", "F4 80 80 80", "F4 8F BF BF", "EF BB BF 41"
    };
    for (String hex : good) {
      byte[] b = HexFormat.ofDelimiter(" ").parseHex(hex);
      StrView v = StrView.wrap(MemorySegment.ofArray(b), Encoding.UTF8);
      assertEquals(new String(b, StandardCharsets.UTF_8), v.toString(), hex);
      assertEquals(new String(b, StandardCharsets.UTF_8).hashCode(), v.hashCode(), hex);
    }
  }

  @Test
  void randomBytesAreAcceptedOrRefusedExactlyAsTheJdkDecoderDoes() {
    Random r = new Random(0xBADBADL);
    byte[][] pieces = {
      {(byte) 0xC3}, {(byte) 0xA9}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xAC}, {(byte) 0xF0},
      {(byte) 0x9F}, {(byte) 0x98, (byte) 0x80}, {(byte) 0xED}, {(byte) 0xA0}, {(byte) 0xF4},
      {(byte) 0x90}, {(byte) 0xC0}, {(byte) 0xFF}, {'a'}, {'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'}
    };
    int refused = 0;
    for (int k = 0; k < 3000; k++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int n = r.nextInt(12);
      for (int i = 0; i < n; i++) {
        if (r.nextInt(4) == 0) {
          out.writeBytes(pieces[r.nextInt(pieces.length)]);
        } else {
          out.writeBytes(new String(Character.toChars(TextGen.codePoint(r, TextGen.Kind.values()[r.nextInt(5)])))
              .getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] bytes = out.toByteArray();
      long want = jdkMalformedOffset(bytes);
      if (want < 0) {
        StrView v = StrView.wrap(MemorySegment.ofArray(bytes), Encoding.UTF8);
        String s = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(s, v.toString());
        assertEquals(s.length(), v.length());
      } else {
        refused++;
        MalformedTextException e = assertThrows(MalformedTextException.class,
            () -> StrView.wrap(MemorySegment.ofArray(bytes), Encoding.UTF8),
            () -> HexFormat.ofDelimiter(" ").formatHex(bytes));
        assertEquals(want, e.byteOffset(), () -> HexFormat.ofDelimiter(" ").formatHex(bytes));
      }
    }
    assertTrue(refused > 500 && refused < 2500, "both valid and malformed inputs were tried: " + refused);
  }

  @Test
  void oddLengthUtf16IsRefusedNamingTheLastByte() {
    byte[] odd = {'a', 0, 'b', 0, 'c'};
    MalformedTextException e = assertThrows(MalformedTextException.class,
        () -> StrView.wrap(MemorySegment.ofArray(odd), Encoding.UTF16LE));
    assertEquals(4, e.byteOffset());
    assertTrue(e.getMessage().contains("byte offset 4"), e.getMessage());
    assertTrue(e.getMessage().contains("even number of bytes"), e.getMessage());
    // an even count is fine, lone surrogates included (as String accepts them)
    byte[] lone = {0x3D, (byte) 0xD8, 'x', 0};
    assertEquals("\ud83dx", StrView.wrap(MemorySegment.ofArray(lone), Encoding.UTF16LE).toString());
  }

  @Test
  void latin1AcceptsEveryByte() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    StrView v = StrView.wrap(MemorySegment.ofArray(all), Encoding.LATIN1);
    assertEquals(new String(all, StandardCharsets.ISO_8859_1), v.toString());
    assertFalse(v.isAscii());
  }

  @Test
  void aMalformedReceivedViewIsNotConsumed() throws Exception {
    try (Interpreter a = Interpreter.create("sender"); Interpreter b = Interpreter.create("reader")) {
      MemChannel ch = MemChannel.create();
      byte[] bad = concat("x".repeat(100), new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, "!");
      a.call(() -> {
        ch.send(bad); // plain bytes
        ch.send(new byte[] {'a', 0, 'b'}); // odd UTF-16
        return null;
      });
      assertEquals(2, a.liveShares());
      b.call(() -> {
        CrossInterpreterView v = ch.recv();
        MalformedTextException e =
            assertThrows(MalformedTextException.class, () -> StrView.of(v, Encoding.UTF8));
        assertEquals(100, e.byteOffset());
        assertFalse(v.isReleased(), "a refused view stays the caller's");
        assertEquals(bad.length, v.toByteArray().length, "and stays readable");
        assertEquals(2, a.liveShares());
        v.release();
        CrossInterpreterView w = ch.recv();
        assertThrows(MalformedTextException.class, () -> StrView.of(w, Encoding.UTF16LE));
        assertFalse(w.isReleased());
        // plain bytes have no encoding to go by
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> StrView.of(w));
        assertTrue(iae.getMessage().contains("\"B\""), iae.getMessage());
        assertTrue(iae.getMessage().contains("StrView.of(view, encoding)"), iae.getMessage());
        assertFalse(w.isReleased());
        w.release();
        return null;
      });
      assertEquals(0, a.liveShares(), "nothing leaked");
      assertEquals(0, b.liveShares());
    }
  }
}
