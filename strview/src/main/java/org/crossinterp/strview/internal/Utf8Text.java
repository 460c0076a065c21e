package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.MalformedTextException;

/**
 * UTF-8 text, validated once at wrap time (a word-at-a-time ASCII fast path, then the full
 * Unicode table 3-7 of well-formed sequences: no overlongs, no encoded surrogates, nothing above
 * U+10FFFF).
 *
 * <p>{@code charAt} on ASCII text reads the byte. Otherwise a cursor remembers the last code
 * point found; UTF-8 is self-synchronising, so the cursor walks forwards or backwards to a
 * nearby char, and sequential scans in either direction cost O(1) per char. A far jump uses a
 * sparse index, built on first need, that maps every {@value #BLOCK}th char to the byte where
 * its code point starts, so it decodes at most {@value #BLOCK} code points.
 */
final class Utf8Text extends Text {
  static final int BLOCK = 64;
  private static final int SHIFT = 6;
  /**
   * The cursor packs (char index &lt;&lt; 33 | byte offset): a char index is below 2^31 and a
   * byte offset below 3 * 2^31 &lt; 2^33 (a valid text has at most 3 bytes per char).
   */
  private static final int OFF_BITS = 33;

  private static final long OFF_MASK = (1L << OFF_BITS) - 1;
  /** From this many chars ahead, {@link #locate} skips eight bytes at a time. */
  private static final int SKIP = 8;
  private static final VarHandle CURSOR;

  static {
    try {
      CURSOR = MethodHandles.lookup().findVarHandle(Utf8Text.class, "cursor", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int length;
  private final boolean ascii;

  /**
   * Per block: byte offset of the code point holding the block's first char; negative
   * (~offset) if that char is the low half of a surrogate pair. Published once, immutable.
   */
  private volatile long[] index;

  /**
   * The last code point located, packed as described at {@link #OFF_BITS}; 0 is the start.
   * Read and written with opaque access: each value is a valid position, so a reader that
   * sees another thread's older value only walks a little further. No fences on the hot path.
   */
  @SuppressWarnings("unused") // accessed through CURSOR
  private long cursor;

  private Utf8Text(MemorySegment bytes, int length, boolean ascii) {
    super(bytes);
    this.length = length;
    this.ascii = ascii;
  }

  static Utf8Text validated(MemorySegment s) {
    long n = s.byteSize();
    long chars = 0;
    long i = 0;
    while (i < n) {
      long j = firstNonAscii(s, i);
      if (j < 0) {
        chars += n - i;
        break;
      }
      chars += j - i;
      i = j;
      // a run of multi-byte sequences, until the next ASCII byte sends us back to the fast path
      int b;
      while (i < n && (b = s.get(ValueLayout.JAVA_BYTE, i)) < 0) {
        int len = sequenceLength(s, i, b & 0xff);
        chars += len == 4 ? 2 : 1;
        i += len;
      }
    }
    if (chars > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "text longer than Integer.MAX_VALUE chars (" + chars + "); wrap a slice");
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
    long n = s.byteSize();
    for (int k = 1; k < len; k++) {
      if (at + k >= n) {
        throw malformed(
            at,
            b,
            "the sequence is truncated: the text ends after "
                + k
                + " of its "
                + len
                + " bytes");
      }
      int c = s.get(ValueLayout.JAVA_BYTE, at + k) & 0xff;
      if ((c & 0xC0) != 0x80) {
        throw malformed(
            at,
            b,
            "the sequence needs "
                + len
                + " bytes, but byte "
                + hex(c)
                + " at offset "
                + (at + k)
                + " is not a continuation byte");
      }
      if (k == 1 && (c < lo || c > hi)) {
        throw malformed(
            at,
            b,
            b == 0xED
                ? "it encodes a UTF-16 surrogate, which UTF-8 must not contain"
                : b == 0xF4 ? "it encodes a code point above U+10FFFF" : "it is an overlong encoding");
      }
    }
    return len;
  }

  private static String leadProblem(int b) {
    if (b <= 0xBF) {
      return "a continuation byte cannot start a character";
    }
    if (b <= 0xC1) {
      return "it can only start an overlong encoding";
    }
    return "no UTF-8 sequence starts with a byte above 0xF4";
  }

  private static String hex(int b) {
    return String.format("0x%02X", b);
  }

  private static MalformedTextException malformed(long at, int b, String why) {
    return new MalformedTextException(
        at,
        "malformed UTF-8 at byte offset "
            + at
            + " (byte "
            + hex(b)
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

  /**
   * The chars (UTF-16 units) of the sequences whose lead bytes are in the eight bytes {@code
   * w}: one per byte that is not a continuation byte (10xxxxxx), one more per 4-byte lead
   * (11110xxx). Shifting left by k brings each byte's bit 7-k to its bit 7.
   */
  static int charsStartingIn(long w) {
    long continuation = w & ~(w << 1) & HIGH_BITS;
    long lead4 = w & (w << 1) & (w << 2) & (w << 3) & ~(w << 4) & HIGH_BITS;
    return 8 - Long.bitCount(continuation) + Long.bitCount(lead4);
  }

  /** The number of bytes of the sequence whose (valid) lead byte is {@code b}. */
  private static int sequenceBytes(int b) {
    if (b >= 0) {
      return 1;
    }
    b &= 0xff;
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  }

  /** Decodes the code point starting at {@code off}. The text is valid. */
  private int decode(long off) {
    int b = bytes.get(ValueLayout.JAVA_BYTE, off);
    if (b >= 0) {
      return b;
    }
    b &= 0xff;
    int c1 = bytes.get(ValueLayout.JAVA_BYTE, off + 1) & 0x3F;
    if (b < 0xE0) {
      return ((b & 0x1F) << 6) | c1;
    }
    int c2 = bytes.get(ValueLayout.JAVA_BYTE, off + 2) & 0x3F;
    if (b < 0xF0) {
      return ((b & 0x0F) << 12) | (c1 << 6) | c2;
    }
    int c3 = bytes.get(ValueLayout.JAVA_BYTE, off + 3) & 0x3F;
    return ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
  }

  private long[] index() {
    long[] idx = index;
    if (idx == null) {
      idx = new long[(length >>> SHIFT) + 1];
      long n = bytes.byteSize();
      long off = 0;
      long ci = 0;
      long next = 0; // the first char of the next block to record
      int block = 0;
      while (off < n) {
        if (next - ci > 8 && off + 8 <= n) {
          // skip eight bytes if their sequences all end before the next block's first char
          // (they hold up to nine chars: seven ASCII bytes and a 4-byte lead)
          int c8 = charsStartingIn(bytes.get(LE_LONG, off));
          if (ci + c8 <= next) {
            ci += c8;
            off += 8;
            while (off < n && (bytes.get(ValueLayout.JAVA_BYTE, off) & 0xC0) == 0x80) {
              off++; // the tail of a sequence counted with its lead byte
            }
            continue;
          }
        }
        int b = bytes.get(ValueLayout.JAVA_BYTE, off);
        int len = sequenceBytes(b);
        int units = len == 4 ? 2 : 1;
        if (next < ci + units) { // this code point holds the next block's first char
          idx[block++] = next == ci ? off : ~off;
          next += BLOCK;
        }
        ci += units;
        off += len;
      }
      while (block < idx.length) {
        idx[block++] = n; // the block starting at length() (length() a multiple of BLOCK)
      }
      index = idx;
    }
    return idx;
  }

  /**
   * Finds the code point holding char {@code i} (in {@code [0, length())}): returns its first
   * char index and its byte offset, packed as the cursor, and moves the cursor there.
   */
  private long locate(int i) {
    long c = (long) CURSOR.getOpaque(this);
    int ci = (int) (c >>> OFF_BITS);
    long off = c & OFF_MASK;
    if (i < ci && ci - i <= BLOCK) {
      // walk back: skip continuation bytes to the previous lead byte
      while (ci > i) {
        do {
          off--;
        } while ((bytes.get(ValueLayout.JAVA_BYTE, off) & 0xC0) == 0x80);
        ci -= (bytes.get(ValueLayout.JAVA_BYTE, off) & 0xF8) == 0xF0 ? 2 : 1;
      }
    } else if (i < ci || i - ci >= BLOCK) {
      long e = index()[i >>> SHIFT];
      ci = (i >>> SHIFT) << SHIFT;
      if (e < 0) {
        ci--; // the block starts at the low half of a pair; its code point starts one before
        off = ~e;
      } else {
        off = e;
      }
    }
    if (i - ci >= SKIP) {
      // far ahead: count the chars of eight bytes at a time while they all come before i
      long n = bytes.byteSize();
      while (off + 8 <= n) {
        int c8 = charsStartingIn(bytes.get(LE_LONG, off));
        if (ci + c8 > i) {
          break;
        }
        ci += c8;
        off += 8;
        while ((bytes.get(ValueLayout.JAVA_BYTE, off) & 0xC0) == 0x80) {
          off++; // the tail of a sequence counted with its lead byte
        }
        if (i - ci < SKIP) {
          break;
        }
      }
    }
    for (; ; ) {
      int len = sequenceBytes(bytes.get(ValueLayout.JAVA_BYTE, off));
      int units = len == 4 ? 2 : 1;
      if (i < ci + units) {
        break;
      }
      ci += units;
      off += len;
    }
    long at = ((long) ci << OFF_BITS) | off;
    CURSOR.setOpaque(this, at);
    return at;
  }

  @Override
  public char charAt(int i) {
    if (ascii) {
      return (char) bytes.get(ValueLayout.JAVA_BYTE, i);
    }
    long at = locate(i);
    int cp = decode(at & OFF_MASK);
    if (cp < 0x10000) {
      return (char) cp;
    }
    return i == (int) (at >>> OFF_BITS)
        ? Character.highSurrogate(cp)
        : Character.lowSurrogate(cp);
  }

  /** The byte offset where char {@code i} starts, or -1 if it is the low half of a pair. */
  private long boundary(int i) {
    if (ascii) {
      return i;
    }
    if (i == length) {
      return bytes.byteSize();
    }
    long at = locate(i);
    return (int) (at >>> OFF_BITS) == i ? at & OFF_MASK : -1;
  }

  @Override
  public Text sub(int start, int end) {
    if (ascii) {
      return new Utf8Text(bytes.asSlice(start, end - start), end - start, true);
    }
    long from = boundary(start);
    long to = boundary(end);
    if (from < 0 || to < 0) {
      // UTF-8 cannot hold half a pair; String.subSequence can, so copy those chars to UTF-16
      char[] chars = new char[end - start];
      for (int k = start; k < end; k++) {
        chars[k - start] = charAt(k);
      }
      return Utf16Text.copyOf(chars);
    }
    MemorySegment slice = bytes.asSlice(from, to - from);
    return new Utf8Text(slice, end - start, firstNonAscii(slice, 0) < 0);
  }

  @Override
  public int hash() {
    if (ascii) {
      return hashAscii(bytes);
    }
    int h = 0;
    long n = bytes.byteSize();
    for (long off = 0; off < n; ) {
      int b = bytes.get(ValueLayout.JAVA_BYTE, off);
      if (b >= 0) {
        h = 31 * h + b;
        off++;
        continue;
      }
      int cp = decode(off);
      if (cp < 0x10000) {
        h = 31 * h + cp;
        off += cp < 0x800 ? 2 : 3;
      } else {
        h = 31 * (31 * h + Character.highSurrogate(cp)) + Character.lowSurrogate(cp);
        off += 4;
      }
    }
    return h;
  }

  @Override
  public int indexOf(char c, int from) {
    if (from >= length) {
      return -1;
    }
    if (ascii) {
      return c < 0x80 ? (int) indexOfByte(bytes, (byte) c, from) : -1;
    }
    long at = locate(from);
    int ci = (int) (at >>> OFF_BITS);
    long off = at & OFF_MASK;
    long n = bytes.byteSize();
    if (ci < from) { // from is the low half of a pair: check it, then go on after the pair
      if (Character.lowSurrogate(decode(off)) == c) {
        return from;
      }
      ci += 2;
      off += 4;
    }
    if (c < 0x80) {
      // an ASCII byte never occurs inside a multi-byte sequence: find the byte, count the chars
      long hit = indexOfByte(bytes, (byte) c, off);
      return hit < 0 ? -1 : ci + countChars(off, hit);
    }
    while (off < n) {
      int cp = decode(off);
      if (cp < 0x10000) {
        if (cp == c) {
          return ci;
        }
        ci++;
        off += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
      } else {
        if (Character.highSurrogate(cp) == c) {
          return ci;
        }
        if (Character.lowSurrogate(cp) == c) {
          return ci + 1;
        }
        ci += 2;
        off += 4;
      }
    }
    return -1;
  }

  /** The number of chars encoded by the (whole) sequences in bytes {@code [from, to)}. */
  private int countChars(long from, long to) {
    int count = 0;
    long i = from;
    for (; i + 8 <= to; i += 8) {
      count += charsStartingIn(bytes.get(LE_LONG, i));
    }
    for (; i < to; i++) {
      int b = bytes.get(ValueLayout.JAVA_BYTE, i);
      if ((b & 0xC0) != 0x80) {
        count += (b & 0xF8) == 0xF0 ? 2 : 1;
      }
    }
    return count;
  }
}
