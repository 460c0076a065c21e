package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Counts lines, words, bytes and first words of lines in chunks of text, reading the chunk's
 * memory in place (a {@link MemorySegment}: a cross-interpreter view, a mapped file, a heap
 * array) and allocating nothing per line or per word.
 *
 * <p>Words are maximal runs of bytes other than ASCII white space (space, tab, newline,
 * vertical tab, form feed, carriage return), as {@code wc -w} counts them in the C locale; any
 * other byte, UTF-8 included, is part of a word. Lines are newlines, plus one if a chunk ends
 * without one. A line's first word is its first word, after any leading white space; blank
 * lines have none. Each chunk is counted on its own, so chunks must be cut at line boundaries
 * ({@link Chunker}) for the sum over chunks to equal the count of the whole.
 *
 * <p>Not thread-safe: one per worker.
 */
final class WordStats {
  /** Bit {@code c} is set for each white-space byte {@code c} (all are at most 32). */
  private static final long SPACE =
      1L << ' ' | 1L << '\t' | 1L << '\n' | 1L << 0x0b | 1L << '\f' | 1L << '\r';

  private final FirstWordTable firstWords = new FirstWordTable();
  private long lines;
  private long words;
  private long bytes;
  private long chunks;

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

  private static boolean isSpace(int c) {
    return c <= ' ' && (SPACE >>> c & 1) != 0;
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
    boolean inWord = false;
    boolean firstPending = true; // no word seen yet on this line
    long wordStart = 0;
    long hash = FirstWordTable.FNV_BASIS;
    for (long i = 0; i < n; i++) {
      int c = chunk.get(ValueLayout.JAVA_BYTE, i) & 0xff;
      if (isSpace(c)) {
        if (inWord) {
          inWord = false;
          wordCount++;
          if (firstPending) {
            firstPending = false;
            firstWords.add(chunk, wordStart, i, hash);
          }
        }
        if (c == '\n') {
          lineCount++;
          firstPending = true;
        }
      } else {
        if (!inWord) {
          inWord = true;
          wordStart = i;
          hash = FirstWordTable.FNV_BASIS;
        }
        if (firstPending) {
          hash = FirstWordTable.step(hash, c);
        }
      }
    }
    if (inWord) {
      wordCount++;
      if (firstPending) {
        firstWords.add(chunk, wordStart, n, hash);
      }
    }
    boolean openLine = n > 0 && chunk.get(ValueLayout.JAVA_BYTE, n - 1) != '\n';
    record(lineCount, wordCount, n, openLine);
  }

  /**
   * Counts one chunk held in an array, as {@link #add(MemorySegment)} does.
   *
   * <p>The same loop, written a second time on purpose: one loop fed both native segments and
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
    boolean inWord = false;
    boolean firstPending = true;
    int wordStart = 0;
    long hash = FirstWordTable.FNV_BASIS;
    for (int i = 0; i < n; i++) {
      int c = chunk[i] & 0xff;
      if (isSpace(c)) {
        if (inWord) {
          inWord = false;
          wordCount++;
          if (firstPending) {
            firstPending = false;
            firstWords.add(chunk, wordStart, i, hash);
          }
        }
        if (c == '\n') {
          lineCount++;
          firstPending = true;
        }
      } else {
        if (!inWord) {
          inWord = true;
          wordStart = i;
          hash = FirstWordTable.FNV_BASIS;
        }
        if (firstPending) {
          hash = FirstWordTable.step(hash, c);
        }
      }
    }
    if (inWord) {
      wordCount++;
      if (firstPending) {
        firstWords.add(chunk, wordStart, n, hash);
      }
    }
    record(lineCount, wordCount, n, n > 0 && chunk[n - 1] != '\n');
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
