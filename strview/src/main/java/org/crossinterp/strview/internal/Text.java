package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.crossinterp.strview.Encoding;

/**
 * Encoding-specific read access to text held in a segment: the part of a {@code StrView} that
 * depends on the encoding. Immutable but for lazily computed caches, which are benign races.
 * Char indices are UTF-16 code unit indices, as in {@link String}.
 *
 * <p>Any thread may call any method; callers check indices and liveness first.
 */
public abstract sealed class Text permits Latin1Text, Utf16Text, Utf8Text {
  static final long HIGH_BITS = 0x8080808080808080L;
  static final ValueLayout.OfLong LE_LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  // powers of 31, for hashing eight chars at a time exactly as String.hashCode does one by one
  private static final int P1 = 31;
  private static final int P2 = P1 * 31;
  private static final int P3 = P2 * 31;
  private static final int P4 = P3 * 31;
  private static final int P5 = P4 * 31;
  private static final int P6 = P5 * 31;
  private static final int P7 = P6 * 31;
  private static final int P8 = P7 * 31;

  /** The bytes of exactly this text. */
  protected final MemorySegment bytes;

  Text(MemorySegment bytes) {
    this.bytes = bytes;
  }

  /**
   * Reads {@code bytes} as text of {@code encoding}, validating it.
   *
   * @param bytes the encoded text
   * @param encoding its encoding
   * @return the text
   * @throws org.crossinterp.strview.MalformedTextException if the bytes are not valid
   * @throws IllegalArgumentException if the text has more than {@code Integer.MAX_VALUE} chars
   */
  public static Text of(MemorySegment bytes, Encoding encoding) {
    return switch (encoding) {
      case LATIN1 -> new Latin1Text(bytes);
      case UTF16LE -> Utf16Text.validated(bytes);
      case UTF8 -> Utf8Text.validated(bytes);
    };
  }

  /**
   * The encoding.
   *
   * @return the encoding
   */
  public abstract Encoding encoding();

  /**
   * The length in chars.
   *
   * @return the length
   */
  public abstract int length();

  /**
   * The char at {@code index}, which the caller has checked.
   *
   * @param index a char index in {@code [0, length())}
   * @return the char
   */
  public abstract char charAt(int index);

  /**
   * Whether every char is below 0x80.
   *
   * @return true for ASCII text
   */
  public abstract boolean isAscii();

  /**
   * The text of chars {@code [start, end)}, which the caller has checked; no copy if possible.
   *
   * @param start the first char
   * @param end one past the last char
   * @return the part
   */
  public abstract Text sub(int start, int end);

  /**
   * The bytes.
   *
   * @return the segment this text reads
   */
  public final MemorySegment bytes() {
    return bytes;
  }

  /**
   * The text as a String (one decode).
   *
   * @return a new String
   */
  public String materialize() {
    return new String(bytes.toArray(ValueLayout.JAVA_BYTE), encoding().charset());
  }

  /**
   * {@link String#hashCode()} of the same text.
   *
   * @return the hash
   */
  public int hash() {
    int h = 0;
    for (int i = 0, n = length(); i < n; i++) {
      h = 31 * h + charAt(i);
    }
    return h;
  }

  /**
   * The first index at or after {@code from} of the char {@code c}, or -1. Subclasses scan
   * sequentially instead of calling {@link #charAt} per index.
   *
   * @param c the char
   * @param from where to start, in {@code [0, length()]}
   * @return the index, or -1
   */
  public int indexOf(char c, int from) {
    for (int i = from, n = length(); i < n; i++) {
      if (charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the chars from {@code at} on start with {@code s}; the caller has checked that
   * {@code at + s.length() <= length()}.
   *
   * @param at where to compare
   * @param s the chars to compare with
   * @return true if they match
   */
  public boolean regionMatches(int at, CharSequence s) {
    for (int k = 0, m = s.length(); k < m; k++) {
      if (charAt(at + k) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Continues {@link String#hashCode()} over bytes that are each one char (Latin-1, or ASCII
   * UTF-8), eight at a time so that the multiplications do not form one long chain.
   */
  static int hashBytes(MemorySegment s, int h) {
    long n = s.byteSize();
    long i = 0;
    for (; i + 8 <= n; i += 8) {
      long w = s.get(LE_LONG, i);
      h =
          h * P8
              + (int) (w & 0xff) * P7
              + (int) ((w >>> 8) & 0xff) * P6
              + (int) ((w >>> 16) & 0xff) * P5
              + (int) ((w >>> 24) & 0xff) * P4
              + (int) ((w >>> 32) & 0xff) * P3
              + (int) ((w >>> 40) & 0xff) * P2
              + (int) ((w >>> 48) & 0xff) * P1
              + (int) (w >>> 56);
    }
    for (; i < n; i++) {
      h = 31 * h + (s.get(ValueLayout.JAVA_BYTE, i) & 0xff);
    }
    return h;
  }

  /** The first index at or after {@code from} of byte {@code b} in {@code s}, or -1. */
  static long indexOfByte(MemorySegment s, byte b, long from) {
    long n = s.byteSize();
    long i = from;
    // SWAR: a word has a zero byte where (w - 0x01..) & ~w & 0x80.. is set
    long pattern = (b & 0xffL) * 0x0101010101010101L;
    for (; i + 8 <= n; i += 8) {
      long w = s.get(LE_LONG, i) ^ pattern;
      long z = (w - 0x0101010101010101L) & ~w & HIGH_BITS;
      if (z != 0) {
        return i + (Long.numberOfTrailingZeros(z) >>> 3);
      }
    }
    for (; i < n; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) == b) {
        return i;
      }
    }
    return -1;
  }

  /** Chars per chunk of vectorised hashing; texts under two chunks are hashed in place. */
  private static final int CHUNK = 4096;

  private static final int POW31_CHUNK = pow31(CHUNK);

  /** 31^n, wrapping as int arithmetic does. */
  static int pow31(int n) {
    int result = 1;
    int base = 31;
    for (int e = n; e > 0; e >>>= 1) {
      if ((e & 1) != 0) {
        result *= base;
      }
      base *= base;
    }
    return result;
  }

  /**
   * {@link String#hashCode()} of bytes that are all below 0x80, at the speed of the JDK's
   * vectorised {@link Arrays#hashCode(byte[])}: a chunk at a time, copied to a small array.
   * {@code Arrays.hashCode} starts from 1 where String starts from 0, so each chunk's sum is
   * its array hash minus 31^length; bytes below 0x80 read the same signed or unsigned.
   */
  static int hashAscii(MemorySegment s) {
    long n = s.byteSize();
    if (n < 2L * CHUNK) {
      return hashBytes(s, 0);
    }
    byte[] chunk = new byte[CHUNK];
    int h = 0;
    long i = 0;
    for (; i + CHUNK <= n; i += CHUNK) {
      MemorySegment.copy(s, ValueLayout.JAVA_BYTE, i, chunk, 0, CHUNK);
      h = (h - 1) * POW31_CHUNK + Arrays.hashCode(chunk);
    }
    return hashBytes(s.asSlice(i), h);
  }

  /** {@link String#hashCode()} of UTF-16LE chars, a chunk at a time as {@link #hashAscii}. */
  static int hashChars(MemorySegment s, ValueLayout.OfChar layout) {
    long chars = s.byteSize() >>> 1;
    int h = 0;
    long i = 0;
    if (chars >= 2L * CHUNK) {
      char[] chunk = new char[CHUNK];
      for (; i + CHUNK <= chars; i += CHUNK) {
        MemorySegment.copy(s, layout, 2 * i, chunk, 0, CHUNK);
        h = (h - 1) * POW31_CHUNK + Arrays.hashCode(chunk);
      }
    }
    for (; i < chars; i++) {
      h = 31 * h + s.get(layout, 2 * i);
    }
    return h;
  }

  /** Whether the bytes from {@code from} on are all below 0x80, a word at a time. */
  static boolean asciiFrom(MemorySegment s, long from) {
    return firstNonAscii(s, from) < 0;
  }

  /** The offset of the first byte at or after {@code from} that is not ASCII, or -1. */
  static long firstNonAscii(MemorySegment s, long from) {
    long n = s.byteSize();
    long i = from;
    for (; i + 8 <= n; i += 8) {
      long w = s.get(LE_LONG, i) & HIGH_BITS;
      if (w != 0) {
        return i + (Long.numberOfTrailingZeros(w) >>> 3);
      }
    }
    for (; i < n; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) < 0) {
        return i;
      }
    }
    return -1;
  }
}
