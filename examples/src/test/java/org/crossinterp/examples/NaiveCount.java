package org.crossinterp.examples;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The obvious, slow way to count, with Strings, as the reference the fast counter must match. */
final class NaiveCount {
  private NaiveCount() {}

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  /** Counts text given as ISO-8859-1 (one char per byte), so any byte sequence round-trips. */
  static Totals of(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    long lines = 0;
    long words = 0;
    Map<String, Long> first = new HashMap<>();
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
          if (!firstSeen) {
            firstSeen = true;
            byte[] word = line.substring(start, i).getBytes(StandardCharsets.ISO_8859_1);
            first.merge(new String(word, StandardCharsets.UTF_8), 1L, Long::sum);
          }
        }
      }
      lineStart = end < 0 ? text.length() : end + 1;
    }
    return new Totals(lines, words, bytes.length, first);
  }
}
