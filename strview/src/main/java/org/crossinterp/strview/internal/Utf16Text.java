package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.MalformedTextException;

/**
 * UTF-16LE text: two bytes per char. Lone surrogates are accepted, as {@link String} accepts
 * them, and kept as they are (the JDK's UTF-16LE decoder would replace them, so this class
 * copies chars rather than decoding).
 */
final class Utf16Text extends Text {
  static final ValueLayout.OfChar LE_CHAR =
      ValueLayout.JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private byte ascii; // 0 unknown, 1 yes, 2 no: a benign race, every thread computes the same

  private Utf16Text(MemorySegment bytes) {
    super(bytes);
  }

  static Utf16Text validated(MemorySegment bytes) {
    if ((bytes.byteSize() & 1) != 0) {
      throw new MalformedTextException(
          bytes.byteSize() - 1,
          "malformed UTF-16LE at byte offset "
              + (bytes.byteSize() - 1)
              + ": UTF-16LE text must have an even number of bytes, got "
              + bytes.byteSize()
              + ", so the last byte is half a char. Wrap the whole text, or say the encoding"
              + " the bytes really have");
    }
    if (bytes.byteSize() / 2 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "text longer than Integer.MAX_VALUE chars (" + bytes.byteSize() + " bytes); wrap a slice");
    }
    return new Utf16Text(bytes);
  }

  /** UTF-16LE text holding a copy of {@code chars}; for parts that UTF-8 cannot hold. */
  static Utf16Text copyOf(char[] chars) {
    MemorySegment heap = MemorySegment.ofArray(new byte[chars.length * 2]);
    MemorySegment.copy(chars, 0, heap, LE_CHAR, 0, chars.length);
    return new Utf16Text(heap.asReadOnly());
  }

  @Override
  public Encoding encoding() {
    return Encoding.UTF16LE;
  }

  @Override
  public int length() {
    return (int) (bytes.byteSize() >>> 1);
  }

  @Override
  public char charAt(int index) {
    return bytes.get(LE_CHAR, 2L * index);
  }

  @Override
  public boolean isAscii() {
    byte a = ascii;
    if (a == 0) {
      a = 1;
      for (int i = 0, n = length(); i < n; i++) {
        if (charAt(i) >= 0x80) {
          a = 2;
          break;
        }
      }
      ascii = a;
    }
    return a == 1;
  }

  @Override
  public Text sub(int start, int end) {
    return new Utf16Text(bytes.asSlice(2L * start, 2L * (end - start)));
  }

  @Override
  public int hash() {
    return hashChars(bytes, LE_CHAR);
  }

  @Override
  public String materialize() {
    char[] chars = new char[length()];
    MemorySegment.copy(bytes, LE_CHAR, 0, chars, 0, chars.length);
    return new String(chars);
  }
}
