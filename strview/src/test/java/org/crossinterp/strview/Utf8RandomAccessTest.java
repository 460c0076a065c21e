package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code charAt} on long non-ASCII UTF-8, far beyond one 64-char index block: in random order,
 * backwards, in strides that land on every position within a block, where block starts fall
 * on the low half of a surrogate pair, and from many threads at once.
 */
@Timeout(60)
class Utf8RandomAccessTest {
  static Stream<Arguments> longTexts() {
    Random r = new Random(0xC0FFEE);
    return Stream.of(
        Arguments.of("mixed", TextGen.text(r, TextGen.Kind.MIXED, 20_000)),
        Arguments.of("cjk", TextGen.text(r, TextGen.Kind.CJK, 10_000)),
        Arguments.of("bmp", TextGen.text(r, TextGen.Kind.BMP, 10_000)),
        Arguments.of("supplementary", TextGen.text(r, TextGen.Kind.SUPPLEMENTARY, 10_000)),
        // only emoji: every block (64 chars) starts on a high surrogate...
        Arguments.of("emoji only", "\ud83d\ude00".repeat(3000)),
        // ...and shifted by one char, every block starts on a low surrogate
        Arguments.of("emoji shifted", "x" + "\ud83d\ude00".repeat(3000)),
        Arguments.of("long ascii then emoji", "a".repeat(5000) + "\ud83d\ude00\u00e9".repeat(1000)),
        Arguments.of("exactly 2 blocks", "\u00e9".repeat(128)),
        Arguments.of("one multi-byte at the end", "b".repeat(1000) + "\u00e9"));
  }

  private static StrView utf8(String s) {
    return StrView.wrap(MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8)), Encoding.UTF8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longTexts")
  void randomOrderIsRight(String name, String s) {
    StrView v = utf8(s);
    assertFalse(v.isAscii());
    Random r = new Random(s.length());
    for (int k = 0; k < 10_000; k++) {
      int i = r.nextInt(s.length());
      TextGen.assertCharAt(s, v, i, "");
    }
    // fresh views, so that the first access goes through the index, not the cursor
    for (int k = 0; k < 200; k++) {
      int i = r.nextInt(s.length());
      TextGen.assertCharAt(s, utf8(s), i, "first");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longTexts")
  void backwardsAndStridesAreRight(String name, String s) {
    StrView v = utf8(s);
    for (int i = s.length() - 1; i >= 0; i--) {
      TextGen.assertCharAt(s, v, i, "backwards");
    }
    for (int stride : new int[] {2, 3, 63, 64, 65, 127, 129, 1000}) {
      StrView w = utf8(s);
      for (int i = 0; i < s.length(); i += stride) {
        TextGen.assertCharAt(s, w, i, "stride " + stride);
      }
      for (int i = s.length() - 1; i >= 0; i -= stride) {
        TextGen.assertCharAt(s, w, i, "stride -" + stride);
      }
    }
    // alternating far jumps between both ends
    for (int i = 0, j = s.length() - 1; i < j; i += 7, j -= 5) {
      assertEquals(s.charAt(i), v.charAt(i));
      assertEquals(s.charAt(j), v.charAt(j));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longTexts")
  void partsOfLongTextAreRight(String name, String s) {
    StrView v = utf8(s);
    Random r = new Random(7);
    for (int k = 0; k < 25; k++) {
      int a = r.nextInt(s.length());
      int b = a + r.nextInt(s.length() - a + 1);
      StrView part = v.subSequence(a, b);
      String want = s.substring(a, b);
      assertEquals(want.hashCode(), part.hashCode());
      for (int j = 0; j < 100 && !want.isEmpty(); j++) {
        int i = r.nextInt(want.length());
        assertEquals(want.charAt(i), part.charAt(i));
      }
      assertEquals(want, part.toString());
    }
    assertEquals(s.hashCode(), v.hashCode());
    assertEquals(s.indexOf("\ud83d\ude00\u00e9"), v.indexOf("\ud83d\ude00\u00e9"));
    assertEquals(s.lastIndexOf('\u00e9'), v.lastIndexOf('\u00e9'));
    assertEquals(s.indexOf('\ude00', 1001), v.indexOf('\ude00', 1001));
  }

  @Test
  void everyBlockStartIsFoundWhateverTheSequenceLengthsAroundIt() {
    // eight bytes may hold nine chars (seven ASCII bytes and a 4-byte lead): shift such runs
    // across every position relative to the 64-char index blocks and the 8-byte words
    String[] units = {"abcdefg\ud83d\ude00", "\u00e9\ud83d\ude00", "\u4e16\ud83d\ude00x", "a\u00e9\u4e16"};
    for (String unit : units) {
      for (int shift = 0; shift < 20; shift++) {
        String s = "z".repeat(shift) + unit.repeat(400);
        StrView v = utf8(s);
        // far jumps only (more than a block apart), so every access goes through the index
        for (int i = s.length() - 1, k = 0; i >= 0; i -= 64 * 3 + (k++ % 5)) {
          assertEquals(s.charAt(i), v.charAt(i), unit + " shift " + shift + " charAt(" + i + ")");
        }
        for (int block = 0; block * 64 < s.length(); block += 2) {
          int i = block * 64;
          TextGen.assertCharAt(s, utf8(s), i, "fresh view, block start");
        }
        assertEquals(s.indexOf('x', s.length() / 2), v.indexOf('x', s.length() / 2));
        assertEquals(s.indexOf("\ude00", 7), v.indexOf("\ude00", 7));
      }
    }
  }

  @Test
  void manyThreadsReadingOneStrViewAllSeeTheRightChars() throws Exception {
    String s = TextGen.text(new Random(99), TextGen.Kind.MIXED, 50_000);
    StrView v = utf8(s); // one cursor, one index, raced on by every thread
    int threads = 8;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(CompletableFuture.runAsync(() -> {
          Random r = new Random(seed);
          for (int k = 0; k < 30_000; k++) {
            int i = r.nextInt(s.length());
            if (s.charAt(i) != v.charAt(i)) {
              throw new AssertionError("thread " + seed + ": charAt(" + i + ")");
            }
            if (k % 3000 == 0) {
              // a sequential scan in between: the cursor moves under the other threads
              for (int j = i; j < Math.min(s.length(), i + 500); j++) {
                if (s.charAt(j) != v.charAt(j)) {
                  throw new AssertionError("thread " + seed + ": scan charAt(" + j + ")");
                }
              }
            }
          }
        }, pool));
      }
      for (CompletableFuture<Void> f : done) {
        f.get();
      }
    }
    assertTrue(v.contentEquals(s));
  }
}
