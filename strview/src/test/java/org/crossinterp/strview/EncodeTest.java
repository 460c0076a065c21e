package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link StrView#encode}: one copy, the narrowest encoding that holds the text exactly. */
class EncodeTest {
  @Test
  void latin1TextIsEncodedAsLatin1() {
    String s = "na\u00efve caf\u00e9 \u00ff\u0000";
    try (StrView v = StrView.encode(s)) {
      assertEquals(Encoding.LATIN1, v.encoding());
      assertArrayEquals(s.getBytes(StandardCharsets.ISO_8859_1), v.bytes().toArray(ValueLayout.JAVA_BYTE));
      assertSame(s, v.toString(), "the String it came from is the materialised one");
      assertEquals(s.hashCode(), v.hashCode());
      assertTrue(v.bytes().isReadOnly());
      assertTrue(v.bytes().isNative(), "in a SharedBuffer's native memory");
    }
  }

  @Test
  void otherTextIsEncodedAsUtf16KeepingLoneSurrogates() {
    String s = "\u4e16\u754c \ud83d\ude00 and a lone \ud800 and \udfff";
    try (StrView v = StrView.encode(s)) {
      assertEquals(Encoding.UTF16LE, v.encoding());
      assertEquals(2L * s.length(), v.bytes().byteSize());
      assertArrayEquals(TextGen.bytes(s, Encoding.UTF16LE), v.bytes().toArray(ValueLayout.JAVA_BYTE));
      for (int i = 0; i < s.length(); i++) {
        assertEquals(s.charAt(i), v.charAt(i));
      }
      assertEquals(s, v.subSequence(0, s.length() - 1).toString() + s.charAt(s.length() - 1));
      assertEquals(s.substring(3, s.length()), v.subSequence(3, s.length()).toString());
    }
  }

  @Test
  void emptyTextIsFine() {
    try (StrView v = StrView.encode("")) {
      assertEquals(0, v.length());
      assertTrue(v.isEmpty());
      assertEquals("", v.toString());
      assertEquals(0, v.hashCode());
      assertEquals(-1, v.indexOf('a'));
      assertEquals(0, v.indexOf(""));
      assertEquals(0, v.lastIndexOf(""));
      assertTrue(v.isAscii());
    }
  }

  @Test
  void releaseEndsTheEncodedText() {
    StrView v = StrView.encode("gone");
    v.close();
    assertTrue(v.isReleased());
    assertThrows(IllegalStateException.class, v::bytes);
    assertThrows(IllegalStateException.class, v::toString);
    assertThrows(NullPointerException.class, () -> StrView.encode(null));
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThrows(NullPointerException.class, () -> StrView.wrap(null, Encoding.UTF8));
    assertThrows(NullPointerException.class,
        () -> StrView.wrap(java.lang.foreign.MemorySegment.ofArray(new byte[0]), null));
    assertThrows(NullPointerException.class, () -> StrView.of(null));
    assertThrows(NullPointerException.class, () -> StrView.of(null, Encoding.UTF8));
  }
}
