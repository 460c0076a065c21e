package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.MalformedTextException;

/**
 * UTF-16LE text: two bytes per char. Lone surrogates are accepted, as {@link String} accepts
 * them.
 */
final class Utf16Text extends Text {
  static final ValueLayout.OfChar LE_CHAR =
      ValueLayout.JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private byte ascii; // 0 unknown, 1 yes, 2 no

  private Utf16Text(MemorySegment bytes) {
    super(bytes);
  }

  static Utf16Text validated(MemorySegment bytes) {
    if ((bytes.byteSize() & 1) != 0) {
      throw new MalformedTextException(
          bytes.byteSize() - 1,
          "UTF-16LE text must have an even number of bytes, got "
              + bytes.byteSize()
              + "; the last byte (offset "
              + (bytes.byteSize() - 1)
              + ") is half a char. Wrap the whole text, or the right encoding");
    }
    if (bytes.byteSize() / 2 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("text longer than Integer.MAX_VALUE chars; wrap a slice");
    }
    return new Utf16Text(bytes);
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
  public long byteOffset(int index) {
    return 2L * index;
  }
}
