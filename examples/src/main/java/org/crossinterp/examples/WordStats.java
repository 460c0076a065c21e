package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Counts lines, words, bytes and first words of lines in chunks of text, reading the chunk's
 * memory in place (a {@link MemorySegment}: a cross-interpreter view, a mapped file) or a
 * {@code byte[]}, and allocating nothing per line or per word.
 *
 * <p>Words are maximal runs of bytes other than ASCII white space (space, tab, newline,
 * vertical tab, form feed, carriage return); any other byte, UTF-8 included, is part of a word.
 * ({@code wc -w} in a UTF-8 locale agrees on text without Unicode spaces such as U+00A0.) Lines are newlines, plus one if a chunk ends
 * without one. A line's first word is its first word, after any leading white space; blank
 * lines have none. Each chunk is counted on its own, so chunks must be cut at line boundaries
 * ({@link Chunker}) for the sum over chunks to equal the count of the whole.
 *
 * <p>How: eight bytes at a time. {@link #spaceBytes} and {@link #newlineBytes} mark, in one
 * {@code long}, which of eight bytes are white space or newlines (SWAR: SIMD within a
 * register); a word starts at each byte that is not space but follows one, so a population
 * count gives the words, and another the lines. Only the first word of each line is looked at
 * byte by byte, to hash it for the {@link FirstWordTable}.
 *
 * <p>Not thread-safe: one per worker.
 */
final class WordStats {
  private static final long HIGH = 0x8080808080808080L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long SPACES = 0x2020202020202020L;
  private static final ValueLayout.OfLong LONG_LE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle ARRAY_LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final FirstWordTable firstWords = new FirstWordTable();
  private long lines;
  private long words;
  private long bytes;
  private long chunks;

  /** Nothing counted yet. */
  WordStats() {}

  /**
   * Counts the text of a string, UTF-8 encoded, as one chunk: a helper for tests and examples.
   *
   * @param text the text
   * @return its totals
   */
  static Totals of(String text) {
    WordStats stats = new WordStats();
    stats.add(MemorySegment.ofArray(text.getBytes(StandardCharsets.UTF_8)));
    return stats.totals();
  }

  /**
   * Whether a byte is ASCII white space: space, tab, newline, vertical tab, form feed or
   * carriage return.
   *
   * @param unsignedByte the byte, 0 to 255
   * @return true for white space
   */
  static boolean isSpace(int unsignedByte) {
    return unsignedByte == ' ' || unsignedByte >= '\t' && unsignedByte <= '\r';
  }

  /** The high bit of each byte of {@code x} that is 0 is set; all other bits are clear. */
  private static long zeroBytes(long x) {
    // (x & 0x7F) + 0x7F sets a byte's high bit iff its low seven bits are not all 0 (and cannot
    // carry into the next byte); or-ing x adds the bytes whose own high bit is set.
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  /**
   * Marks the white-space bytes of eight bytes.
   *
   * @param w eight bytes, the first in the low bits
   * @return the high bit of each byte of {@code w} that is ASCII white space
   */
  static long spaceBytes(long w) {
    long t = w & LOW7;
    long atLeast9 = t + 0x7777777777777777L; // high bit set iff byte >= 9 (0x80 - 9 = 0x77)
    long atLeast14 = t + 0x7272727272727272L; // high bit set iff byte >= 14
    long tabToReturn = atLeast9 & ~atLeast14; // 9..13: tab, newline, vt, form feed, return
    long blank = zeroBytes(t ^ SPACES);
    return (tabToReturn | blank) & ~w & HIGH; // bytes >= 0x80 are never space
  }

  /**
   * Marks the newline bytes of eight bytes.
   *
   * @param w eight bytes, the first in the low bits
   * @return the high bit of each byte of {@code w} that is {@code '\n'}
   */
  static long newlineBytes(long w) {
    return zeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL);
  }

  /**
   * Counts one chunk and adds it to the totals so far. The segment is only read, in place,
   * and not kept: it may be released as soon as this returns.
   *
   * @param chunk whole lines of text (the last may lack its newline)
   */
  void add(MemorySegment chunk) {
    long n = chunk.byteSize();
    long lineCount = 0;
    long wordCount = 0;
    long spaceBefore = 0x80; // the byte before the chunk counts as white space
    firstWordAt(chunk, 0, n);
    for (long i = 0; i < n; i += 8) {
      long w = i + 8 <= n ? chunk.get(LONG_LE, i) : tail(chunk, i, n);
      long space = spaceBytes(w);
      wordCount += Long.bitCount(~space & HIGH & (space << 8 | spaceBefore));
      spaceBefore = space >>> 56;
      long newlines = newlineBytes(w);
      if (newlines != 0) {
        lineCount += Long.bitCount(newlines);
        do {
          firstWordAt(chunk, i + (Long.numberOfTrailingZeros(newlines) >>> 3) + 1, n);
          newlines &= newlines - 1;
        } while (newlines != 0);
      }
    }
    boolean openLine = n > 0 && chunk.get(ValueLayout.JAVA_BYTE, n - 1) != '\n';
    record(lineCount, wordCount, n, openLine);
  }

  /** The last, short group of bytes, padded with spaces (which start no word and no line). */
  private static long tail(MemorySegment chunk, long from, long to) {
    long w = SPACES;
    for (long i = from; i < to; i++) {
      int shift = (int) (i - from) * 8;
      w = w & ~(0xFFL << shift) | (chunk.get(ValueLayout.JAVA_BYTE, i) & 0xFFL) << shift;
    }
    return w;
  }

  /** Counts the first word of the line starting at {@code pos}, if it has one. */
  private void firstWordAt(MemorySegment chunk, long pos, long n) {
    for (; pos < n; pos++) {
      int c = chunk.get(ValueLayout.JAVA_BYTE, pos) & 0xff;
      if (c == '\n') {
        return; // a blank line
      }
      if (!isSpace(c)) {
        break;
      }
    }
    long start = pos;
    long hash = FirstWordTable.FNV_BASIS;
    for (; pos < n; pos++) {
      int c = chunk.get(ValueLayout.JAVA_BYTE, pos) & 0xff;
      if (isSpace(c)) {
        break;
      }
      hash = FirstWordTable.step(hash, c);
    }
    if (pos > start) {
      firstWords.add(chunk, start, pos, hash);
    }
  }

  /**
   * Counts one chunk held in an array, as {@link #add(MemorySegment)} does.
   *
   * <p>The same code, written a second time on purpose: one loop fed both native segments and
   * heap arrays is compiled for both kinds of memory at once and runs several times slower for
   * each (the JIT's type profile at the read is polluted). With one loop per kind, the
   * zero-copy and the copying runs are compared at their best.
   *
   * @param chunk whole lines of text (the last may lack its newline)
   */
  void add(byte[] chunk) {
    int n = chunk.length;
    long lineCount = 0;
    long wordCount = 0;
    long spaceBefore = 0x80;
    firstWordAt(chunk, 0, n);
    for (int i = 0; i < n; i += 8) {
      long w = i + 8 <= n ? (long) ARRAY_LONG_LE.get(chunk, i) : tail(chunk, i, n);
      long space = spaceBytes(w);
      wordCount += Long.bitCount(~space & HIGH & (space << 8 | spaceBefore));
      spaceBefore = space >>> 56;
      long newlines = newlineBytes(w);
      if (newlines != 0) {
        lineCount += Long.bitCount(newlines);
        do {
          firstWordAt(chunk, i + (Long.numberOfTrailingZeros(newlines) >>> 3) + 1, n);
          newlines &= newlines - 1;
        } while (newlines != 0);
      }
    }
    record(lineCount, wordCount, n, n > 0 && chunk[n - 1] != '\n');
  }

  private static long tail(byte[] chunk, int from, int to) {
    long w = SPACES;
    for (int i = from; i < to; i++) {
      int shift = (i - from) * 8;
      w = w & ~(0xFFL << shift) | (chunk[i] & 0xFFL) << shift;
    }
    return w;
  }

  private void firstWordAt(byte[] chunk, int pos, int n) {
    for (; pos < n; pos++) {
      int c = chunk[pos] & 0xff;
      if (c == '\n') {
        return;
      }
      if (!isSpace(c)) {
        break;
      }
    }
    int start = pos;
    long hash = FirstWordTable.FNV_BASIS;
    for (; pos < n; pos++) {
      int c = chunk[pos] & 0xff;
      if (isSpace(c)) {
        break;
      }
      hash = FirstWordTable.step(hash, c);
    }
    if (pos > start) {
      firstWords.add(chunk, start, pos, hash);
    }
  }

  private void record(long lineCount, long wordCount, long n, boolean openLine) {
    // a last line without its newline is still a line
    lines += openLine ? lineCount + 1 : lineCount;
    words += wordCount;
    bytes += n;
    chunks++;
  }

  /**
   * The number of chunks counted.
   *
   * @return the count
   */
  long chunks() {
    return chunks;
  }

  /**
   * Everything counted so far. This is where first words become Strings: once per distinct
   * word, not once per line.
   *
   * @return immutable totals
   */
  Totals totals() {
    return new Totals(lines, words, bytes, firstWords.toMap());
  }
}
