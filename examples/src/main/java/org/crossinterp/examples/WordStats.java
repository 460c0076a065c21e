package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;

/**
 * Counts lines, words, bytes, the first words of lines and the frequency of every word in
 * chunks of text, reading the chunk's memory in place (a {@link StrView} or a {@link
 * MemorySegment} over a cross-interpreter view or a mapped file) or a {@code byte[]}, and
 * making no String and no other object per line or per word.
 *
 * <p>Words are maximal runs of bytes other than ASCII white space (space, tab, newline,
 * vertical tab, form feed, carriage return); any other byte, UTF-8 included, is part of a word.
 * ({@code wc -w} in a UTF-8 locale agrees on text without Unicode spaces such as U+00A0.) In
 * UTF-8 an ASCII byte never occurs inside a multi-byte sequence, so these byte runs are exactly
 * the runs of non-white-space chars, and a word's bytes are its key in the {@link WordTable}s.
 * Lines are newlines, plus one if a chunk ends without one. A line's first word is its first
 * word, after any leading white space; blank lines have none. Each chunk is counted on its own,
 * so chunks must be cut at line boundaries ({@link Chunker}) for the sum over chunks to equal
 * the count of the whole.
 *
 * <p>How: eight bytes at a time. {@link #spaceBytes} and {@link #newlineBytes} mark, in one
 * {@code long}, which of eight bytes are white space or newlines (SWAR: SIMD within a
 * register). A word starts at each byte that is not space but follows one and ends at each
 * space that follows a non-space, so population counts give the words and the lines, and the
 * marked bytes, visited lowest first, give each word's bounds. Each word is then hashed eight
 * bytes at a time and counted in place.
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

  private final Encoding encoding;
  private final WordTable firstWords = new WordTable();
  private final WordTable wordCounts = new WordTable();
  private final CountsText firstWordsText = new CountsText();
  private final CountsText wordCountsText = new CountsText();
  private long lines;
  private long words;
  private long bytes;
  private long chunks;

  /** Nothing counted yet; words are UTF-8. */
  WordStats() {
    this(Encoding.UTF8);
  }

  /**
   * Nothing counted yet.
   *
   * @param encoding the text's encoding, {@link Encoding#UTF8} or {@link Encoding#LATIN1}: how
   *     words are decoded when shown, and what {@link #report} declares
   */
  WordStats(Encoding encoding) {
    this.encoding = encoding;
  }

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
   * Counts one chunk of text received as a StrView: its bytes, in place. The StrView is only
   * read, and not kept: it may be released as soon as this returns.
   *
   * @param text whole lines of text (the last may lack its newline)
   * @throws IllegalStateException if {@code text} was released
   */
  void add(StrView text) {
    add(text.bytes());
  }

  /**
   * Counts one chunk and adds it to the counts so far. The segment is only read, in place,
   * and not kept: it may be released as soon as this returns.
   *
   * @param chunk whole lines of text (the last may lack its newline)
   */
  void add(MemorySegment chunk) {
    long n = chunk.byteSize();
    long lineCount = 0;
    long wordCount = 0;
    long spaceBefore = 0x80; // the byte before the chunk counts as white space
    boolean lineHasWord = false;
    boolean firstOfLine = false;
    long wordStart = 0;
    for (long i = 0; i < n; i += 8) {
      long w = i + 8 <= n ? chunk.get(LONG_LE, i) : tail(chunk, i, n);
      long space = spaceBytes(w);
      long afterSpace = space << 8 | spaceBefore; // each byte's high bit: the byte before is space
      spaceBefore = space >>> 56;
      long starts = ~space & afterSpace & HIGH;
      long ends = space & ~afterSpace & HIGH;
      long newlines = newlineBytes(w);
      wordCount += Long.bitCount(starts);
      lineCount += Long.bitCount(newlines);
      // Visit the marked bytes in order; at one byte: a word ends, then a line, then none starts
      // (a start is never a space). The padding after a tail is space, so a word that ends the
      // chunk ends here too, at n, unless the chunk is a multiple of eight bytes long.
      for (long events = starts | ends | newlines; events != 0; events &= events - 1) {
        long bit = events & -events;
        long pos = i + (Long.numberOfTrailingZeros(bit) >>> 3);
        if ((ends & bit) != 0) {
          countWord(chunk, wordStart, pos, firstOfLine);
        } else if ((starts & bit) != 0) {
          wordStart = pos;
          firstOfLine = !lineHasWord;
          lineHasWord = true;
        }
        if ((newlines & bit) != 0) {
          lineHasWord = false;
        }
      }
    }
    if (spaceBefore == 0 && n > 0) {
      countWord(chunk, wordStart, n, firstOfLine); // a word runs to the end of the chunk
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

  private void countWord(MemorySegment chunk, long from, long to, boolean firstOfLine) {
    long end = WordTable.keyEnd(chunk, from, to);
    long prefix = WordTable.prefix(chunk, from, end);
    long hash = WordTable.hash(chunk, from, end, prefix);
    wordCounts.add(chunk, from, end, prefix, hash, 1);
    if (firstOfLine) {
      firstWords.add(chunk, from, end, prefix, hash, 1);
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
    boolean lineHasWord = false;
    boolean firstOfLine = false;
    int wordStart = 0;
    for (int i = 0; i < n; i += 8) {
      long w = i + 8 <= n ? (long) ARRAY_LONG_LE.get(chunk, i) : tail(chunk, i, n);
      long space = spaceBytes(w);
      long afterSpace = space << 8 | spaceBefore;
      spaceBefore = space >>> 56;
      long starts = ~space & afterSpace & HIGH;
      long ends = space & ~afterSpace & HIGH;
      long newlines = newlineBytes(w);
      wordCount += Long.bitCount(starts);
      lineCount += Long.bitCount(newlines);
      for (long events = starts | ends | newlines; events != 0; events &= events - 1) {
        long bit = events & -events;
        int pos = i + (Long.numberOfTrailingZeros(bit) >>> 3);
        if ((ends & bit) != 0) {
          countWord(chunk, wordStart, pos, firstOfLine);
        } else if ((starts & bit) != 0) {
          wordStart = pos;
          firstOfLine = !lineHasWord;
          lineHasWord = true;
        }
        if ((newlines & bit) != 0) {
          lineHasWord = false;
        }
      }
    }
    if (spaceBefore == 0 && n > 0) {
      countWord(chunk, wordStart, n, firstOfLine);
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

  private void countWord(byte[] chunk, int from, int to, boolean firstOfLine) {
    int end = WordTable.keyEnd(chunk, from, to);
    long prefix = WordTable.prefix(chunk, from, end);
    long hash = WordTable.hash(chunk, from, end, prefix);
    wordCounts.add(chunk, from, end, prefix, hash);
    if (firstOfLine) {
      firstWords.add(chunk, from, end, prefix, hash);
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
   * The number of chunks counted since this WordStats was made.
   *
   * @return the count
   */
  long chunks() {
    return chunks;
  }

  /**
   * Everything counted since the last {@link #report}, as immutable totals.
   *
   * @return the totals
   */
  Totals totals() {
    return new Totals(
        lines,
        words,
        bytes,
        WordCounts.copyOf(firstWords, encoding),
        WordCounts.copyOf(wordCounts, encoding));
  }

  /**
   * Everything counted since the last report, as a report to send to main, and starts afresh.
   * The report's texts read this WordStats' buffers: {@link ChunkReport#release()} them once
   * the report was delivered, and before the next call of {@code report}.
   *
   * @param worker the name to report under
   * @return the report
   */
  ChunkReport report(String worker) {
    StrView first = firstWordsText.write(firstWords, encoding);
    StrView all;
    try {
      all = wordCountsText.write(wordCounts, encoding);
    } catch (RuntimeException | Error e) {
      first.release();
      throw e;
    }
    ChunkReport report = new ChunkReport(worker, lines, words, bytes, first, all);
    lines = 0;
    words = 0;
    bytes = 0;
    firstWords.clear();
    wordCounts.clear();
    return report;
  }
}
