package org.crossinterp.examples;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;

/**
 * Word counts as text, the way they travel in a {@link ChunkReport}: one line per distinct
 * word, the word, a space, its count in decimal, a newline ({@code "GET 1234\n"}), like {@code
 * uniq -c} the other way round. A word never contains a space, so the first space of a line
 * ends it. The text is in the encoding of the words it lists.
 *
 * <p>Why text: a {@link StrView} crosses to another interpreter as it is (it is immutable), so
 * the counts reach main with no String per word and no copy; main reads them in place ({@link
 * #addTo}).
 *
 * <p>A writer is not thread-safe: each {@link WordStats} owns one, and reuses its buffer. The
 * buffer is native memory, like the chunks: main reads the counts with the same compiled code
 * it counts chunks with, and that code stays specialised to one kind of memory.
 */
final class CountsText {
  private MemorySegment buffer = Arena.ofAuto().allocate(1 << 12);
  private long size;
  private final byte[] line = new byte[24];

  /** An empty writer. */
  CountsText() {}

  /**
   * Writes {@code table} as text, replacing what was written before, and wraps it. The StrView
   * reads this writer's buffer in place: it is valid until the next {@code write}; release it
   * before then, so that a late reader fails instead of reading other counts.
   *
   * @param table the counts
   * @param encoding the words' encoding
   * @return the text
   * @throws org.crossinterp.strview.MalformedTextException if a word is not valid in {@code
   *     encoding} (the chunk it came from was not)
   */
  StrView write(WordTable table, Encoding encoding) {
    size = 0;
    table.forEach(
        (keys, offset, length, count) -> {
          // " count\n", written backwards from the end of the line buffer
          int at = line.length;
          line[--at] = '\n';
          long c = count;
          do {
            line[--at] = (byte) ('0' + c % 10);
            c /= 10;
          } while (c > 0);
          line[--at] = ' ';
          int tail = line.length - at;
          ensure(length + tail);
          MemorySegment.copy(keys, offset, buffer, ValueLayout.JAVA_BYTE, size, length);
          MemorySegment.copy(line, at, buffer, ValueLayout.JAVA_BYTE, size + length, tail);
          size += length + tail;
        });
    return StrView.wrap(buffer.asSlice(0, size), encoding);
  }

  private void ensure(long more) {
    if (buffer.byteSize() - size < more) {
      MemorySegment bigger =
          Arena.ofAuto().allocate(Math.max(buffer.byteSize() * 2, size + more));
      MemorySegment.copy(buffer, 0, bigger, 0, size);
      buffer = bigger; // the old one is freed once unreachable
    }
  }

  /**
   * Adds the counts listed in {@code text} to {@code table}, reading the text in place.
   *
   * @param text counts as {@link #write} makes them; only read during this call
   * @param table where to add them
   * @throws IllegalArgumentException if {@code text} is not in this form (the message names
   *     the byte offset)
   * @throws IllegalStateException if {@code text} was released
   */
  static void addTo(StrView text, WordTable table) {
    MemorySegment s = text.bytes();
    long n = s.byteSize();
    long line = 0;
    while (line < n) {
      long space = line;
      while (space < n && s.get(ValueLayout.JAVA_BYTE, space) != ' ') {
        space++;
      }
      long i = space + 1;
      long count = 0;
      int b = 0;
      while (i < n && (b = s.get(ValueLayout.JAVA_BYTE, i)) >= '0' && b <= '9') {
        count = count * 10 + (b - '0');
        i++;
      }
      if (space == line || i >= n || b != '\n' || i == space + 1 || count <= 0) {
        throw new IllegalArgumentException(
            "not a word-count text at byte " + line + ": each line must be a word, a space, a"
                + " positive count and a newline; make it with CountsText.write");
      }
      table.add(s, line, space, count);
      line = i + 1;
    }
  }
}
