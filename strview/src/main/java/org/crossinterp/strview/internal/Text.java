package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.strview.Encoding;

/**
 * Encoding-specific read access to text held in a segment: the part of a {@code StrView} that
 * depends on the encoding. Immutable but for lazily computed caches, which are benign races.
 * Char indices are UTF-16 code unit indices, as in {@link String}.
 */
public abstract sealed class Text permits Latin1Text, Utf16Text, Utf8Text {
  static final long HIGH_BITS = 0x8080808080808080L;

  /** The bytes of exactly this text. */
  protected final MemorySegment bytes;

  Text(MemorySegment bytes) {
    this.bytes = bytes;
  }

  /**
   * Reads {@code bytes} as text of {@code encoding}, validating it.
   *
   * @throws org.crossinterp.strview.MalformedTextException if the bytes are not valid
   */
  public static Text of(MemorySegment bytes, Encoding encoding) {
    return switch (encoding) {
      case LATIN1 -> new Latin1Text(bytes);
      case UTF16LE -> Utf16Text.validated(bytes);
      case UTF8 -> Utf8Text.validated(bytes);
    };
  }

  /** The encoding. */
  public abstract Encoding encoding();

  /** The length in chars. */
  public abstract int length();

  /** The char at {@code index}, which the caller has checked. */
  public abstract char charAt(int index);

  /** Whether every char is below 0x80. */
  public abstract boolean isAscii();

  /** The text of chars {@code [start, end)}, which the caller has checked; no copy if possible. */
  public abstract Text sub(int start, int end);

  /** The byte offset (in {@link #bytes()}) where the char at {@code index} starts. */
  public abstract long byteOffset(int index);

  /** The bytes. */
  public final MemorySegment bytes() {
    return bytes;
  }

  /** The text as a String (one decode). */
  public String materialize() {
    return new String(bytes.toArray(ValueLayout.JAVA_BYTE), encoding().charset());
  }

  /** {@link String#hashCode()} of the same text. */
  public int hash() {
    int h = 0;
    for (int i = 0, n = length(); i < n; i++) {
      h = 31 * h + charAt(i);
    }
    return h;
  }

  /** Whether the bytes from {@code from} on are all below 0x80, a word at a time. */
  static boolean asciiFrom(MemorySegment s, long from) {
    long n = s.byteSize();
    long i = from;
    for (; i + 8 <= n; i += 8) {
      if ((s.get(ValueLayout.JAVA_LONG_UNALIGNED, i) & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (s.get(ValueLayout.JAVA_BYTE, i) < 0) {
        return false;
      }
    }
    return true;
  }
}
