package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The zero-copy workers' way of counting words: chunks read as StrViews, counted in place,
 * reported as text and merged in main's Statistics. Checked against a plain String reference.
 */
class StrViewWordsTest {
  /** Words of every length around the eight-byte blocks, ASCII and multi-byte UTF-8. */
  private static final String[] PIECES = {"a", "GET", "größe", "π", "≈", "\uD834\uDD1E", "-",
    "12345678", "123456789", "HTTP/1.1\"", "[24/Nov/2025:00:00:03", "x", "ab", "éé", "日本語"};
  private static final String[] SPACES = {" ", " ", " ", "  ", "\t", "\n", "\n", "\r\n",
    "\u000b", "\f", "\n\n", " \n "};

  /** Random UTF-8 text of {@code words} words. */
  private static String randomText(SplittableRandom random, int words) {
    StringBuilder b = new StringBuilder();
    if (random.nextBoolean()) {
      b.append(SPACES[random.nextInt(SPACES.length)]);
    }
    for (int i = 0; i < words; i++) {
      int parts = 1 + random.nextInt(3);
      for (int p = 0; p < parts; p++) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      b.append(SPACES[random.nextInt(SPACES.length)]);
    }
    if (random.nextBoolean()) {
      b.append(PIECES[random.nextInt(PIECES.length)]); // a last word without a newline
    }
    return b.toString();
  }

  /** The reference: split the decoded String with a regular expression. */
  private static Map<String, Long> referenceWords(String text) {
    Map<String, Long> words = new HashMap<>();
    for (String w : text.split("[ \\t\\n\\u000b\\f\\r]+")) {
      if (!w.isEmpty()) {
        words.merge(w, 1L, Long::sum);
      }
    }
    return words;
  }

  private static Map<String, Long> referenceFirstWords(String text) {
    Map<String, Long> first = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.replaceFirst("^[ \\t\\u000b\\f\\r]+", "");
      String[] parts = trimmed.split("[ \\t\\u000b\\f\\r]+", 2);
      if (!parts[0].isEmpty()) {
        first.merge(parts[0], 1L, Long::sum);
      }
    }
    return first;
  }

  /** Counts {@code text} cut into chunks, each read as a StrView, and merges the reports. */
  private static Totals countInChunks(MemorySegment text, long target, Encoding encoding) {
    WordStats stats = new WordStats(encoding);
    Statistics merged = new Statistics(encoding, n -> {});
    for (Chunker.Chunk chunk : Chunker.split(text, target)) {
      try (StrView view = StrView.wrap(chunk.of(text), encoding)) {
        stats.add(view);
      }
      ChunkReport report = stats.report("test");
      try {
        merged.add(report);
      } finally {
        report.release();
      }
    }
    return merged.finish();
  }

  @Test
  void wordCountsOfStrViewChunksEqualAStringReferenceOnRandomText() {
    SplittableRandom random = new SplittableRandom(554);
    try (Arena arena = Arena.ofConfined()) {
      for (int round = 0; round < 60; round++) {
        String text = randomText(random, random.nextInt(1, 400));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        MemorySegment segment = arena.allocate(Math.max(1, utf8.length)).asSlice(0, utf8.length);
        MemorySegment.copy(utf8, 0, segment, ValueLayout.JAVA_BYTE, 0, utf8.length);
        Map<String, Long> words = referenceWords(text);
        Map<String, Long> first = referenceFirstWords(text);
        for (long target : new long[] {1, 7, 8, 9, 64, 1000, utf8.length + 1L}) {
          Totals t = countInChunks(segment, target, Encoding.UTF8);
          String where = "round " + round + ", chunk target " + target;
          assertEquals(words, t.wordCounts().toMap(), where);
          assertEquals(first, t.firstWords().toMap(), where);
          assertEquals(words.values().stream().mapToLong(Long::longValue).sum(), t.words(), where);
          assertEquals(utf8.length, t.bytes(), where);
          assertEquals(NaiveCount.of(utf8), t, where);
        }
      }
    }
  }

  @Test
  void latin1ChunksOfAnyBytesEqualTheReference() {
    SplittableRandom random = new SplittableRandom(3);
    byte[] alphabet = " \t\n\n\r\u000b\fabcab\u00ff\u0080\u00e9x".getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 200; round++) {
      byte[] bytes = new byte[random.nextInt(500)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      Totals t = countInChunks(MemorySegment.ofArray(bytes), 1 + random.nextInt(64),
          Encoding.LATIN1);
      assertEquals(referenceWords(text), t.wordCounts().toMap(), "round " + round);
      assertEquals(referenceFirstWords(text), t.firstWords().toMap(), "round " + round);
      assertEquals(NaiveCount.of(bytes, Encoding.LATIN1), t, "round " + round);
    }
  }

  @Test
  void topWordsAreTheMostFrequentInByteOrderOfTies() {
    Totals t = WordStats.of("b a c\na b\nb d\n\uD834\uDD1E \uFFFD \uD834\uDD1E \uFFFD\n");
    assertEquals(List.of(new WordCount("b", 3), new WordCount("a", 2),
        new WordCount("\uFFFD", 2), new WordCount("\uD834\uDD1E", 2), new WordCount("c", 1)),
        t.wordCounts().top(5), "U+FFFD before U+1D11E: code point order, not UTF-16 order");
    assertEquals(List.of(new WordCount("b", 2)), t.firstWords().top(1));
    assertEquals(List.of(), t.wordCounts().top(0));
    assertEquals(6, t.wordCounts().top(100).size());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aChunkReceivedAsAViewIsCountedAsTheSameStrViewText() throws Exception {
    String text = "größe straße\nπ ≈ 3.14\ngröße \uD834\uDD1E\n";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    MemChannel channel = MemChannel.create();
    try (Arena arena = Arena.ofShared(); Interpreter worker = Interpreter.create("strview-worker")) {
      MemorySegment shared = arena.allocate(utf8.length);
      MemorySegment.copy(utf8, 0, shared, ValueLayout.JAVA_BYTE, 0, utf8.length);
      channel.send(shared);
      Totals counted = worker.call(() -> {
        CrossInterpreterView view = channel.recv();
        WordStats stats = new WordStats();
        try (StrView s = StrView.of(view, Encoding.UTF8)) {
          assertTrue(s.contentEquals(text), "the same text, read in place");
          stats.add(s);
        }
        assertTrue(view.isReleased(), "releasing the StrView released the view");
        return stats.totals();
      });
      assertEquals(referenceWords(text), counted.wordCounts().toMap());
      assertEquals(Map.of("größe", 2L, "π", 1L), counted.firstWords().toMap());
      assertEquals(0, Interpreter.main().liveShares());
      assertEquals(0, worker.liveShares());
    }
  }
}
