package org.crossinterp.examples;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.crossinterp.strview.Encoding;

/** The obvious, slow way to count, with Strings, as the reference the fast counter must match. */
final class NaiveCount {
  private NaiveCount() {}

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  /** What the naive count found; words are keyed by their bytes read as ISO-8859-1. */
  record Counts(long lines, long words, long bytes, Map<String, Long> firstWords,
      Map<String, Long> wordCounts) {}

  /** Counts text given as ISO-8859-1 (one char per byte), so any byte sequence round-trips. */
  static Counts count(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    long lines = 0;
    long words = 0;
    Map<String, Long> first = new HashMap<>();
    Map<String, Long> all = new HashMap<>();
    int lineStart = 0;
    while (lineStart < text.length()) {
      int end = text.indexOf('\n', lineStart);
      int lineEnd = end < 0 ? text.length() : end;
      lines++;
      String line = text.substring(lineStart, lineEnd);
      boolean firstSeen = false;
      int i = 0;
      while (i < line.length()) {
        while (i < line.length() && isSpace(line.charAt(i))) {
          i++;
        }
        int start = i;
        while (i < line.length() && !isSpace(line.charAt(i))) {
          i++;
        }
        if (i > start) {
          words++;
          String word = line.substring(start, i);
          all.merge(word, 1L, Long::sum);
          if (!firstSeen) {
            firstSeen = true;
            first.merge(word, 1L, Long::sum);
          }
        }
      }
      lineStart = end < 0 ? text.length() : end + 1;
    }
    return new Counts(lines, words, bytes.length, first, all);
  }

  /** The naive count as Totals of UTF-8 text, to compare with what the fast counter found. */
  static Totals of(byte[] bytes) {
    return of(bytes, Encoding.UTF8);
  }

  /** The naive count as Totals of text in {@code encoding}. */
  static Totals of(byte[] bytes, Encoding encoding) {
    Counts c = count(bytes);
    return new Totals(c.lines(), c.words(), c.bytes(), counts(c.firstWords(), encoding),
        counts(c.wordCounts(), encoding));
  }

  /** Word counts keyed by ISO-8859-1 strings, as a WordCounts of the same bytes. */
  static WordCounts counts(Map<String, Long> latin1Words, Encoding encoding) {
    WordTable table = new WordTable();
    latin1Words.forEach((word, count) -> {
      byte[] b = word.getBytes(StandardCharsets.ISO_8859_1);
      table.add(java.lang.foreign.MemorySegment.ofArray(b), 0, b.length, count);
    });
    return WordCounts.copyOf(table, encoding);
  }
}
