package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code hashCode} and {@code equals} of long text (which hash chunk by chunk, vectorised)
 * equal String's, at lengths around the chunk size, for parts at odd offsets too.
 */
class LongTextHashTest {
  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({
    "ASCII, 8191", "ASCII, 8192", "ASCII, 8193", "ASCII, 12289", "ASCII, 30011",
    "LATIN1, 8192", "LATIN1, 20000", "BMP, 8191", "BMP, 8192", "BMP, 16385", "BMP, 20001",
    "SUPPLEMENTARY, 30000", "MIXED, 30000"
  })
  void hashOfLongTextEqualsStringHash(TextGen.Kind kind, int length) {
    Random r = new Random(length);
    String s = TextGen.text(r, kind, length);
    for (Encoding e : Encoding.values()) {
      if (e == Encoding.LATIN1 && !TextGen.fitsLatin1(s)) {
        continue;
      }
      StrView v = TextGen.view(s, e, r);
      assertEquals(s.hashCode(), v.hashCode(), e + " whole");
      for (int k = 0; k < 6; k++) {
        int a = r.nextInt(50);
        int b = s.length() - r.nextInt(50);
        assertEquals(s.substring(a, b).hashCode(), v.subSequence(a, b).hashCode(), e + " [" + a + ", " + b + ")");
      }
      StrView other = TextGen.view(s, e == Encoding.UTF8 ? Encoding.UTF16LE : Encoding.UTF8, r);
      assertEquals(v, other);
      assertTrue(v.contentEquals(s));
    }
    try (StrView enc = StrView.encode(s)) {
      assertEquals(s.hashCode(), StrView.wrap(enc.bytes(), enc.encoding()).hashCode(), "encoded");
    }
  }
}
