package org.crossinterp.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The S1 texts: exactly {@value #BYTES} bytes of valid UTF-8, the same bytes on every run (a
 * fixed seed), in two flavours. {@code ascii} is words of ASCII letters separated by spaces and
 * newlines; {@code mixed} is the same with about one char in four outside ASCII: Latin-1 and
 * Cyrillic letters (2 bytes), CJK ideographs (3 bytes) and emoji (4 bytes, a surrogate pair in
 * UTF-16), as a multilingual document has them. Neither contains {@link #ABSENT}, the char the
 * {@code indexOf} benchmarks look for, so a search scans the whole text.
 */
final class Utf8Corpus {
  /** The size of each text in bytes: 1 MiB. */
  static final int BYTES = 1 << 20;

  /** A char that occurs in neither text. */
  static final char ABSENT = '#';

  private static final long SEED = 0x5EED_C0DEL;
  private static final String LETTERS = "etaoinshrdlucmfwypvbgkjqxz";

  private Utf8Corpus() {}

  /**
   * The bytes of a text.
   *
   * @param kind {@code ascii} or {@code mixed}
   * @return {@value #BYTES} bytes of valid UTF-8, a new array each call
   * @throws IllegalArgumentException for another kind
   */
  static byte[] generate(String kind) {
    boolean mixed =
        switch (kind) {
          case "ascii" -> false;
          case "mixed" -> true;
          default ->
              throw new IllegalArgumentException(
                  "unknown text kind \"" + kind + "\"; use \"ascii\" or \"mixed\"");
        };
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] out = new byte[BYTES];
    int at = 0;
    int wordLeft = 0;
    while (true) {
      int cp;
      if (wordLeft == 0) {
        cp = random.nextInt(12) == 0 ? '\n' : ' ';
        wordLeft = 1 + random.nextInt(10);
      } else {
        cp = mixed ? mixedChar(random) : LETTERS.charAt(random.nextInt(LETTERS.length()));
        wordLeft--;
      }
      int len = utf8Length(cp);
      if (at + len > BYTES) {
        break;
      }
      at = put(out, at, cp);
    }
    while (at < BYTES) {
      out[at++] = ' '; // pad to exactly BYTES with ASCII, so no sequence is cut
    }
    if (!new String(out, StandardCharsets.UTF_8).contains("\uFFFD")
        && new String(out, StandardCharsets.UTF_8).indexOf(ABSENT) < 0) {
      return out;
    }
    throw new AssertionError("the generated text is not valid UTF-8 or contains " + ABSENT);
  }

  private static int mixedChar(SplittableRandom random) {
    int p = random.nextInt(100);
    if (p < 75) {
      return LETTERS.charAt(random.nextInt(LETTERS.length()));
    }
    if (p < 85) {
      return 0xC0 + random.nextInt(0x40); // Latin-1 letters: 2 bytes
    }
    if (p < 92) {
      return 0x0430 + random.nextInt(0x20); // Cyrillic: 2 bytes
    }
    if (p < 98) {
      return 0x4E00 + random.nextInt(0x5000); // CJK ideographs: 3 bytes
    }
    return 0x1F600 + random.nextInt(0x50); // emoji: 4 bytes, two chars
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  private static int put(byte[] out, int at, int cp) {
    switch (utf8Length(cp)) {
      case 1 -> out[at++] = (byte) cp;
      case 2 -> {
        out[at++] = (byte) (0xC0 | cp >>> 6);
        out[at++] = (byte) (0x80 | cp & 0x3F);
      }
      case 3 -> {
        out[at++] = (byte) (0xE0 | cp >>> 12);
        out[at++] = (byte) (0x80 | cp >>> 6 & 0x3F);
        out[at++] = (byte) (0x80 | cp & 0x3F);
      }
      default -> {
        out[at++] = (byte) (0xF0 | cp >>> 18);
        out[at++] = (byte) (0x80 | cp >>> 12 & 0x3F);
        out[at++] = (byte) (0x80 | cp >>> 6 & 0x3F);
        out[at++] = (byte) (0x80 | cp & 0x3F);
      }
    }
    return at;
  }
}
