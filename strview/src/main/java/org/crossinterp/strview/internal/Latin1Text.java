package org.crossinterp.strview.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.strview.Encoding;

/** ISO-8859-1 text: one byte per char, so every operation works on the bytes directly. */
final class Latin1Text extends Text {
  private byte ascii; // 0 unknown, 1 yes, 2 no: a benign race, every thread computes the same

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
  public int hash() {
    // Latin-1 above 0x7F would read negative in Arrays.hashCode(byte[]): only ASCII goes fast
    return isAscii() ? hashAscii(bytes) : hashBytes(bytes, 0);
  }

  @Override
  public int indexOf(char c, int from) {
    if (c > 0xFF) {
      return -1;
    }
    return (int) indexOfByte(bytes, (byte) c, from);
  }
}
