package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.strview.Encoding;

/** ISO-8859-1 text: one byte per char. */
final class Latin1Text extends Text {
  private byte ascii; // 0 unknown, 1 yes, 2 no

  Latin1Text(MemorySegment bytes) {
    super(bytes);
    if (bytes.byteSize() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "text longer than Integer.MAX_VALUE chars (" + bytes.byteSize() + " bytes); wrap a slice");
    }
  }

  @Override
  public Encoding encoding() {
    return Encoding.LATIN1;
  }

  @Override
  public int length() {
    return (int) bytes.byteSize();
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes.get(ValueLayout.JAVA_BYTE, index) & 0xff);
  }

  @Override
  public boolean isAscii() {
    byte a = ascii;
    if (a == 0) {
      a = asciiFrom(bytes, 0) ? (byte) 1 : (byte) 2;
      ascii = a;
    }
    return a == 1;
  }

  @Override
  public Text sub(int start, int end) {
    return new Latin1Text(bytes.asSlice(start, end - start));
  }

  @Override
  public long byteOffset(int index) {
    return index;
  }

  @Override
  public int hash() {
    int h = 0;
    long n = bytes.byteSize();
    long i = 0;
    for (; i + 4 <= n; i += 4) {
      h =
          31 * 31 * 31 * 31 * h
              + 31 * 31 * 31 * (bytes.get(ValueLayout.JAVA_BYTE, i) & 0xff)
              + 31 * 31 * (bytes.get(ValueLayout.JAVA_BYTE, i + 1) & 0xff)
              + 31 * (bytes.get(ValueLayout.JAVA_BYTE, i + 2) & 0xff)
              + (bytes.get(ValueLayout.JAVA_BYTE, i + 3) & 0xff);
    }
    for (; i < n; i++) {
      h = 31 * h + (bytes.get(ValueLayout.JAVA_BYTE, i) & 0xff);
    }
    return h;
  }
}
