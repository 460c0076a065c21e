package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.MalformedTextException;

/**
 * UTF-8 text, validated once at wrap time (a word-at-a-time ASCII fast path, then the full
 * Unicode 15 table: no overlongs, no encoded surrogates, nothing above U+10FFFF).
 *
 * <p>{@code charAt} on ASCII text reads the byte. Otherwise a sparse index, built on first
 * need, maps every {@value #BLOCK}th char to the byte where its code point starts, so a random
 * {@code charAt} decodes at most {@value #BLOCK} code points; a cursor remembering the last
 * position makes sequential scans O(1) per char.
 */
final class Utf8Text extends Text {
  static final int BLOCK = 64;
  private static final int SHIFT = 6;

  private final int length;
  private final boolean ascii;
  /** Per block: byte offset of the code point holding the block's first char; negative (~offset) if that char is a low surrogate. */
  private volatile long[] index;
  /** Last decoded position, packed (charIndex << 32 | byteOffset), or -1. */
  private volatile long cursor = -1;

  private Utf8Text(MemorySegment bytes, int length, boolean ascii) {
    super(bytes);
    this.length = length;
    this.ascii = ascii;
  }

  static Utf8Text validated(MemorySegment s) {
    long n = s.byteSize();
    long i = 0;
    while (i + 8 <= n && (s.get(ValueLayout.JAVA_LONG_UNALIGNED, i) & HIGH_BITS) == 0) {
      i += 8;
    }
    long chars = i;
    while (i < n) {
      int b = s.get(ValueLayout.JAVA_BYTE, i);
      if (b >= 0) {
        i++;
        chars++;
        // back on the fast path after a multi-byte run
        while (i + 8 <= n && (s.get(ValueLayout.JAVA_LONG_UNALIGNED, i) & HIGH_BITS) == 0) {
          i += 8;
          chars += 8;
        }
        continue;
      }
      int len = sequenceLength(s, i, b & 0xff);
      chars += len == 4 ? 2 : 1;
      i += len;
    }
    if (chars > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("text longer than Integer.MAX_VALUE chars; wrap a slice");
    }
    return new Utf8Text(s, (int) chars, chars == n);
  }

  /** Validates the multi-byte sequence whose lead byte {@code b} is at {@code at}. */
  private static int sequenceLength(MemorySegment s, long at, int b) {
    int len;
    int lo = 0x80;
    int hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) {
        lo = 0xA0;
      } else if (b == 0xED) {
        hi = 0x9F;
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) {
        lo = 0x90;
      } else if (b == 0xF4) {
        hi = 0x8F;
      }
    } else {
      throw malformed(at, b, leadProblem(b));
    }
    if (at + len > s.byteSize()) {
      throw malformed(at, b, "the sequence is truncated: the text ends inside it");
    }
    int second = s.get(ValueLayout.JAVA_BYTE, at + 1) & 0xff;
    if (second < lo || second > hi) {
      String why =
          (second & 0xC0) != 0x80
              ? "byte 0x" + Integer.toHexString(second) + " at offset " + (at + 1) + " is not a continuation byte"
              : b == 0xED
                  ? "it encodes a UTF-16 surrogate, which UTF-8 must not contain"
                  : b == 0xF4 ? "it encodes a code point above U+10FFFF" : "it is an overlong encoding";
      throw malformed(at, b, why);
    }
    for (int k = 2; k < len; k++) {
      int c = s.get(ValueLayout.JAVA_BYTE, at + k) & 0xff;
      if ((c & 0xC0) != 0x80) {
        throw malformed(
            at, b, "byte 0x" + Integer.toHexString(c) + " at offset " + (at + k) + " is not a continuation byte");
      }
    }
    return len;
  }

  private static String leadProblem(int b) {
    if (b >= 0x80 && b <= 0xBF) {
      return "a continuation byte cannot start a character";
    }
    if (b == 0xC0 || b == 0xC1) {
      return "it can only start an overlong encoding";
    }
    return "no UTF-8 sequence starts with a byte above 0xF4";
  }

  private static MalformedTextException malformed(long at, int b, String why) {
    return new MalformedTextException(
        at,
        "malformed UTF-8 at byte offset "
            + at
            + " (byte 0x"
            + Integer.toHexString(b)
            + "): "
            + why
            + ". Fix the producer, or wrap the bytes with the encoding they really have");
  }

  @Override
  public Encoding encoding() {
    return Encoding.UTF8;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public boolean isAscii() {
    return ascii;
  }

  /** Decodes the code point at {@code off}; returns (cp << 3 | byteLength). The text is valid. */
  private long decode(long off) {
    int b = bytes.get(ValueLayout.JAVA_BYTE, off);
    if (b >= 0) {
      return ((long) b << 3) | 1;
    }
    b &= 0xff;
    if (b < 0xE0) {
      int cp = ((b & 0x1F) << 6) | (bytes.get(ValueLayout.JAVA_BYTE, off + 1) & 0x3F);
      return ((long) cp << 3) | 2;
    }
    if (b < 0xF0) {
      int cp =
          ((b & 0x0F) << 12)
              | ((bytes.get(ValueLayout.JAVA_BYTE, off + 1) & 0x3F) << 6)
              | (bytes.get(ValueLayout.JAVA_BYTE, off + 2) & 0x3F);
      return ((long) cp << 3) | 3;
    }
    int cp =
        ((b & 0x07) << 18)
            | ((bytes.get(ValueLayout.JAVA_BYTE, off + 1) & 0x3F) << 12)
            | ((bytes.get(ValueLayout.JAVA_BYTE, off + 2) & 0x3F) << 6)
            | (bytes.get(ValueLayout.JAVA_BYTE, off + 3) & 0x3F);
    return ((long) cp << 3) | 4;
  }

  private long[] index() {
    long[] idx = index;
    if (idx == null) {
      idx = new long[(length >>> SHIFT) + 1];
      long off = 0;
      int ci = 0;
      int block = 0;
      long n = bytes.byteSize();
      while (off < n) {
        long d = decode(off);
        int units = (d >>> 3) >= 0x10000 ? 2 : 1;
        // a block starts at char (block << SHIFT); record the code point that holds it
        while (block < idx.length && (block << SHIFT) < ci + units) {
          idx[block] = (block << SHIFT) == ci ? off : ~off;
          block++;
        }
        ci += units;
        off += d & 7;
      }
      while (block < idx.length) {
        idx[block++] = n;
      }
      index = idx;
    }
    return idx;
  }

  /**
   * Finds the code point holding char {@code i}: returns (startCharIndex << 32 | byteOffset) of
   * that code point.
   */
  private long locate(int i) {
    long c = cursor;
    int ci;
    long off;
    if (c >= 0 && (int) (c >>> 32) <= i && i - (int) (c >>> 32) < BLOCK) {
      ci = (int) (c >>> 32);
      off = c & 0xFFFF_FFFFL;
    } else {
      long e = index()[i >>> SHIFT];
      ci = (i >>> SHIFT) << SHIFT;
      if (e < 0) {
        ci--;
        off = ~e;
      } else {
        off = e;
      }
    }
    for (; ; ) {
      long d = decode(off);
      int units = (d >>> 3) >= 0x10000 ? 2 : 1;
      if (i < ci + units) {
        if (off <= 0xFFFF_FFFFL) {
          cursor = ((long) ci << 32) | off;
        }
        return ((long) ci << 32) | off;
      }
      ci += units;
      off += d & 7;
    }
  }

  @Override
  public char charAt(int i) {
    if (ascii) {
      return (char) bytes.get(ValueLayout.JAVA_BYTE, i);
    }
    long at = locate(i);
    int cp = (int) (decode(at & 0xFFFF_FFFFL) >>> 3);
    if (cp < 0x10000) {
      return (char) cp;
    }
    return i == (int) (at >>> 32) ? Character.highSurrogate(cp) : Character.lowSurrogate(cp);
  }

  @Override
  public long byteOffset(int i) {
    if (ascii || i == length) {
      return ascii ? i : bytes.byteSize();
    }
    long at = locate(i);
    if ((int) (at >>> 32) != i) {
      throw new IllegalArgumentException("char index " + i + " is inside a surrogate pair");
    }
    return at & 0xFFFF_FFFFL;
  }

  /** Whether char {@code i} is the low half of a surrogate pair (so not a byte boundary). */
  boolean splitsPair(int i) {
    if (ascii || i == 0 || i == length) {
      return false;
    }
    return (int) (locate(i) >>> 32) != i;
  }

  @Override
  public Text sub(int start, int end) {
    if (ascii) {
      return new Utf8Text(bytes.asSlice(start, end - start), end - start, true);
    }
    if (splitsPair(start) || splitsPair(end)) {
      // UTF-8 cannot hold half a pair; String.subSequence can, so copy those chars to UTF-16
      char[] chars = new char[end - start];
      for (int k = start; k < end; k++) {
        chars[k - start] = charAt(k);
      }
      MemorySegment heap = MemorySegment.ofArray(new byte[chars.length * 2]);
      for (int k = 0; k < chars.length; k++) {
        heap.set(Utf16Text.LE_CHAR, 2L * k, chars[k]);
      }
      return Utf16Text.validated(heap);
    }
    long from = byteOffset(start);
    long to = byteOffset(end);
    MemorySegment slice = bytes.asSlice(from, to - from);
    return new Utf8Text(slice, end - start, asciiFrom(slice, 0));
  }

  @Override
  public int hash() {
    int h = 0;
    long n = bytes.byteSize();
    if (ascii) {
      for (long i = 0; i < n; i++) {
        h = 31 * h + bytes.get(ValueLayout.JAVA_BYTE, i);
      }
      return h;
    }
    for (long off = 0; off < n; ) {
      long d = decode(off);
      int cp = (int) (d >>> 3);
      if (cp < 0x10000) {
        h = 31 * h + cp;
      } else {
        h = 31 * (31 * h + Character.highSurrogate(cp)) + Character.lowSurrogate(cp);
      }
      off += d & 7;
    }
    return h;
  }
}
