package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks of about a target size, only at line boundaries, so that every chunk
 * can be counted on its own: no line (and so no word) is ever cut in two.
 *
 * <p>Every chunk but the last ends with a {@code '\n'}; the last ends where the text ends. The
 * chunks cover every byte exactly once, in order, and none is empty. A line longer than the
 * target makes a longer chunk. Pure function of its input; any thread.
 */
final class Chunker {
  private Chunker() {}

  /**
   * One chunk: a range of the text.
   *
   * @param offset the first byte
   * @param length the number of bytes, at least 1
   */
  record Chunk(long offset, long length) {
    /**
     * The chunk's bytes as a slice of {@code text} (no copy).
     *
     * @param text the text the chunk was cut from
     * @return a slice sharing {@code text}'s memory
     */
    MemorySegment of(MemorySegment text) {
      return text.asSlice(offset, length);
    }
  }

  /**
   * Cuts {@code text} into chunks of at least {@code target} bytes each (the last may be
   * shorter), each ending just after a newline.
   *
   * @param text the text; read only
   * @param target the wanted chunk size in bytes, at least 1
   * @return the chunks in order; empty for empty text
   * @throws IllegalArgumentException if {@code target} is below 1
   */
  static List<Chunk> split(MemorySegment text, long target) {
    if (target < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1 byte, was " + target);
    }
    long size = text.byteSize();
    List<Chunk> chunks = new ArrayList<>((int) Math.min(1 << 20, size / target + 1));
    long start = 0;
    while (start < size) {
      long end = start + Math.min(target, size - start);
      if (end < size) {
        // Extend to the end of the line the target position falls in.
        long newline = indexOfNewline(text, end - 1);
        end = newline < 0 ? size : newline + 1;
      }
      chunks.add(new Chunk(start, end - start));
      start = end;
    }
    return chunks;
  }

  private static long indexOfNewline(MemorySegment text, long from) {
    long size = text.byteSize();
    for (long i = from; i < size; i++) {
      if (text.get(ValueLayout.JAVA_BYTE, i) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
