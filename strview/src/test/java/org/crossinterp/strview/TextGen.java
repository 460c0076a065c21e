package org.crossinterp.strview;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random text for the property tests, and the ways of putting it in memory a StrView
 * reads (heap, native, a slice in the middle of larger memory, {@link StrView#encode}).
 */
final class TextGen {
  /** What kind of chars a text is made of. */
  enum Kind {
    /** Code points below 0x80, with many separators and line ends. */
    ASCII,
    /** Mostly ASCII, some 0x80..0xFF: fits Latin-1. */
    LATIN1,
    /** Any BMP code point but surrogates: 2- and 3-byte UTF-8. */
    BMP,
    /** Mostly CJK ideographs and kana, some ASCII punctuation. */
    CJK,
    /** Supplementary code points (emoji, U+10000, U+10FFFF) between BMP ones. */
    SUPPLEMENTARY,
    /** All of the above mixed, with long ASCII runs. */
    MIXED
  }

  /** One property-test case: a text, how it was made, and the encoding to read it in. */
  record Case(int id, Kind kind, String text, Encoding encoding, long seed) {
    @Override
    public String toString() {
      return "#" + id + " " + kind + "/" + encoding + " len=" + text.length();
    }
  }

  private static final String ASCII_COMMON = "ab c,d\ne\r\t;x  ,,\n\r\n.A1z";

  private TextGen() {}

  /** Several hundred cases from one seed: every kind, every encoding the text fits. */
  static List<Case> cases(long seed, int perKind) {
    Random r = new Random(seed);
    List<Case> out = new ArrayList<>();
    int id = 0;
    for (Kind k : Kind.values()) {
      for (int n = 0; n < perKind; n++) {
        String s = text(r, k, length(r, n));
        for (Encoding e : Encoding.values()) {
          if (e == Encoding.LATIN1 && !fitsLatin1(s)) {
            continue;
          }
          out.add(new Case(id++, k, s, e, r.nextLong()));
        }
      }
    }
    return out;
  }

  /** Lengths: the first few are the edge cases 0, 1, 2; then mostly short, some past 64-char blocks. */
  static int length(Random r, int n) {
    if (n < 3) {
      return n;
    }
    int p = r.nextInt(10);
    if (p < 6) {
      return r.nextInt(40);
    }
    if (p < 9) {
      return 40 + r.nextInt(300);
    }
    return 300 + r.nextInt(3000);
  }

  static boolean fitsLatin1(String s) {
    return s.chars().allMatch(c -> c <= 0xFF);
  }

  /** A text of about {@code len} chars (a supplementary code point may add one). */
  static String text(Random r, Kind k, int len) {
    StringBuilder b = new StringBuilder(len + 1);
    while (b.length() < len) {
      if (k == Kind.MIXED && r.nextInt(20) == 0) {
        // a long ASCII run, so word-at-a-time paths meet multi-byte text on both sides
        int run = 8 + r.nextInt(40);
        for (int i = 0; i < run; i++) {
          b.appendCodePoint(ascii(r));
        }
        continue;
      }
      b.appendCodePoint(codePoint(r, k == Kind.MIXED ? Kind.values()[r.nextInt(5)] : k));
    }
    return b.toString();
  }

  static int codePoint(Random r, Kind k) {
    return switch (k) {
      case ASCII -> ascii(r);
      case LATIN1 -> r.nextInt(3) == 0 ? 0x80 + r.nextInt(0x80) : ascii(r);
      case BMP ->
          switch (r.nextInt(5)) {
            case 0 -> ascii(r);
            case 1 -> 0x80 + r.nextInt(0x780); // 2-byte UTF-8
            case 2 -> pick(r, 0x800, 0x7FF, 0xFEFF, 0xFFFD, 0xFFFF, 0xE000, 0xD7FF, 0x20AC);
            default -> bmpNonSurrogate(r);
          };
      case CJK ->
          switch (r.nextInt(6)) {
            case 0 -> pick(r, ' ', ',', '\n', '\u3001', '\u3002');
            case 1 -> 0x3040 + r.nextInt(0x60); // hiragana
            default -> 0x4E00 + r.nextInt(0x5200); // CJK unified ideographs
          };
      case SUPPLEMENTARY ->
          switch (r.nextInt(4)) {
            case 0 -> ascii(r);
            case 1 -> pick(r, 0x10000, 0x10FFFF, 0x1F600, 0x1F4A9, 0x1F9D1, 0x20000, 0xFFFF);
            case 2 -> 0x1F300 + r.nextInt(0x300); // emoji
            default -> 0x10000 + r.nextInt(0x100000);
          };
      case MIXED -> throw new AssertionError("MIXED picks another kind per code point");
    };
  }

  private static int ascii(Random r) {
    if (r.nextInt(3) == 0) {
      return ASCII_COMMON.charAt(r.nextInt(ASCII_COMMON.length()));
    }
    return r.nextInt(8) == 0 ? r.nextInt(0x20) : 0x20 + r.nextInt(0x60); // incl. controls and DEL
  }

  private static int bmpNonSurrogate(Random r) {
    int c;
    do {
      c = r.nextInt(0x10000);
    } while (c >= 0xD800 && c <= 0xDFFF);
    return c;
  }

  private static int pick(Random r, int... cps) {
    return cps[r.nextInt(cps.length)];
  }

  /**
   * Asserts {@code got.charAt(i) == want.charAt(i)}, building the message only on failure (the
   * property tests make millions of these checks).
   */
  static void assertCharAt(String want, CharSequence got, int i, String what) {
    char c = got.charAt(i);
    if (c != want.charAt(i)) {
      org.junit.jupiter.api.Assertions.fail(
          what + " charAt(" + i + "): expected U+" + Integer.toHexString(want.charAt(i))
              + " but was U+" + Integer.toHexString(c) + " (length " + want.length() + ")");
    }
  }

  /**
   * {@code s} encoded in {@code e}; for UTF-16LE char by char, since the JDK's encoder would
   * replace lone surrogates.
   */
  static byte[] bytes(String s, Encoding e) {
    if (e != Encoding.UTF16LE) {
      return s.getBytes(e.charset());
    }
    byte[] b = new byte[2 * s.length()];
    for (int i = 0; i < s.length(); i++) {
      b[2 * i] = (byte) s.charAt(i);
      b[2 * i + 1] = (byte) (s.charAt(i) >>> 8);
    }
    return b;
  }

  /**
   * A StrView of {@code s} in {@code e}, in memory chosen by {@code r}: a heap array, native
   * memory, or a slice in the middle of larger memory with junk around it (so that reads are
   * unaligned and must not stray outside the slice).
   */
  static StrView view(String s, Encoding e, Random r) {
    byte[] bytes = bytes(s, e);
    return switch (r.nextInt(4)) {
      case 0 -> StrView.wrap(MemorySegment.ofArray(bytes), e);
      case 1 -> {
        MemorySegment m = Arena.ofAuto().allocate(Math.max(1, bytes.length), 1);
        MemorySegment.copy(bytes, 0, m, ValueLayout.JAVA_BYTE, 0, bytes.length);
        yield StrView.wrap(m.asSlice(0, bytes.length), e);
      }
      case 2 -> {
        int before = 1 + r.nextInt(9);
        int after = r.nextInt(9);
        byte[] big = new byte[before + bytes.length + after];
        for (int i = 0; i < big.length; i++) {
          big[i] = (byte) (0x80 | r.nextInt(0x80)); // junk: not valid UTF-8 on its own
        }
        System.arraycopy(bytes, 0, big, before, bytes.length);
        yield StrView.wrap(MemorySegment.ofArray(big).asSlice(before, bytes.length), e);
      }
      default -> {
        // a subSequence of a larger text must behave exactly as a fresh one
        String prefix = e == Encoding.LATIN1 ? "x\u00e9" : "x\u00e9\u4e00\ud83d\ude00";
        String suffix = e == Encoding.LATIN1 ? "\u00ff!" : "\ud83d\ude00!";
        StrView whole =
            StrView.wrap(MemorySegment.ofArray(bytes(prefix + s + suffix, e)), e);
        yield whole.subSequence(prefix.length(), prefix.length() + s.length());
      }
    };
  }
}
