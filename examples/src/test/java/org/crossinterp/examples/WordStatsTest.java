package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.crossinterp.strview.Encoding;
import org.junit.jupiter.api.Test;

class WordStatsTest {
  /** Word counts of UTF-8 words given as Strings. */
  static WordCounts wc(Map<String, Long> words) {
    WordTable table = new WordTable();
    words.forEach((word, count) -> {
      byte[] b = word.getBytes(StandardCharsets.UTF_8);
      table.add(MemorySegment.ofArray(b), 0, b.length, count);
    });
    return WordCounts.copyOf(table, Encoding.UTF8);
  }

  private static Totals totals(long lines, long words, long bytes, Map<String, Long> first,
      Map<String, Long> all) {
    return new Totals(lines, words, bytes, wc(first), wc(all));
  }

  private static Totals viaArray(String text) {
    WordStats stats = new WordStats();
    stats.add(text.getBytes(StandardCharsets.UTF_8));
    return stats.totals();
  }

  /** Counts with both loops and checks they agree. */
  private static Totals count(String text) {
    Totals segment = WordStats.of(text);
    assertEquals(segment, viaArray(text), "segment and array loops disagree on: " + text);
    return segment;
  }

  @Test
  void countsLinesWordsBytesAndFirstWords() {
    Totals t = count("hello world\nfoo bar baz\nhello again\n");
    assertEquals(3, t.lines());
    assertEquals(7, t.words());
    assertEquals(36, t.bytes());
    assertEquals(Map.of("hello", 2L, "foo", 1L), t.firstWords().toMap());
    assertEquals(Map.of("hello", 2L, "world", 1L, "foo", 1L, "bar", 1L, "baz", 1L, "again", 1L),
        t.wordCounts().toMap());
    assertEquals(7, t.wordCounts().total());
  }

  @Test
  void lastLineWithoutNewlineIsALine() {
    Totals t = count("one two\nthree");
    assertEquals(2, t.lines());
    assertEquals(3, t.words());
    assertEquals(Map.of("one", 1L, "three", 1L), t.firstWords().toMap());
    assertEquals(Map.of("one", 1L, "two", 1L, "three", 1L), t.wordCounts().toMap());
  }

  @Test
  void emptyAndBlankTexts() {
    assertEquals(totals(0, 0, 0, Map.of(), Map.of()), count(""));
    assertEquals(Totals.EMPTY, count(""));
    assertEquals(totals(1, 0, 1, Map.of(), Map.of()), count("\n"));
    assertEquals(totals(3, 0, 7, Map.of(), Map.of()), count(" \t\n\n \r\n"));
    assertEquals(totals(1, 0, 3, Map.of(), Map.of()), count(" \t "));
  }

  @Test
  void everyAsciiWhiteSpaceSeparatesWordsAndLeadingSpaceIsSkipped() {
    Totals t = count("  \t lead a\u000bb\fc\rd\n\u000b\ttab first\n");
    assertEquals(2, t.lines());
    assertEquals(7, t.words());
    assertEquals(Map.of("lead", 1L, "tab", 1L), t.firstWords().toMap());
    assertEquals(Map.of("lead", 1L, "a", 1L, "b", 1L, "c", 1L, "d", 1L, "tab", 1L, "first", 1L),
        t.wordCounts().toMap());
  }

  @Test
  void nonAsciiBytesArePartOfWords() {
    Totals t = count("größe straße\nπ ≈ 3.14\ngröße\n");
    assertEquals(3, t.lines());
    assertEquals(6, t.words());
    assertEquals("größe straße\nπ ≈ 3.14\ngröße\n".getBytes(StandardCharsets.UTF_8).length,
        t.bytes());
    assertEquals(Map.of("größe", 2L, "π", 1L), t.firstWords().toMap());
    assertEquals(Map.of("größe", 2L, "straße", 1L, "π", 1L, "≈", 1L, "3.14", 1L),
        t.wordCounts().toMap());
  }

  @Test
  void chunksCutAtLineBoundariesAddUpToTheWhole() {
    // Chunk boundaries fall right after newlines: a chunk may start with blank lines or with
    // a word, and the last chunk ends without a newline.
    String text = "alpha beta\n\n\ngamma\n  delta epsilon\nalpha zeta\nomega";
    Totals whole = count(text);
    MemorySegment segment = MemorySegment.ofArray(text.getBytes(StandardCharsets.UTF_8));
    for (long target = 1; target <= text.length() + 1; target++) {
      WordStats stats = new WordStats();
      List<Chunker.Chunk> chunks = Chunker.split(segment, target);
      for (Chunker.Chunk chunk : chunks) {
        stats.add(chunk.of(segment));
      }
      assertEquals(whole, stats.totals(), "chunk target " + target);
      assertEquals(chunks.size(), stats.chunks());
    }
    assertEquals(totals(7, 8, 51, Map.of("alpha", 2L, "gamma", 1L, "delta", 1L, "omega", 1L),
        Map.of("alpha", 2L, "beta", 1L, "gamma", 1L, "delta", 1L, "epsilon", 1L, "zeta", 1L,
            "omega", 1L)), whole);
  }

  @Test
  void aCutInsideALineWouldCountItTwice() {
    // Why chunks must end at newlines: cut "one two\n" after "one t" and the halves count two
    // lines and three words.
    byte[] text = "one two\n".getBytes(StandardCharsets.US_ASCII);
    WordStats stats = new WordStats();
    MemorySegment segment = MemorySegment.ofArray(text);
    stats.add(segment.asSlice(0, 5));
    stats.add(segment.asSlice(5));
    assertEquals(2, stats.totals().lines());
    assertEquals(3, stats.totals().words());
  }

  @Test
  void matchesTheNaiveCountOnRandomTexts() {
    SplittableRandom random = new SplittableRandom(7);
    byte[] alphabet = " \t\n\n\r\u000b\fabcab\u00ff\u0080x".getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 500; round++) {
      byte[] text = new byte[random.nextInt(300)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(alphabet.length)];
      }
      Totals expected = NaiveCount.of(text);
      WordStats bySegment = new WordStats();
      bySegment.add(MemorySegment.ofArray(text));
      WordStats byArray = new WordStats();
      byArray.add(text);
      assertEquals(expected, bySegment.totals(), "segment loop, round " + round);
      assertEquals(expected, byArray.totals(), "array loop, round " + round);
      // and word by word as Strings, independently of how WordCounts compares tables
      WordStats latin1 = new WordStats(Encoding.LATIN1);
      latin1.add(text);
      NaiveCount.Counts naive = NaiveCount.count(text);
      assertEquals(naive.wordCounts(), latin1.totals().wordCounts().toMap(), "round " + round);
      assertEquals(naive.firstWords(), latin1.totals().firstWords().toMap(), "round " + round);
    }
  }

  @Test
  void matchesTheNaiveCountOnSlicesAtEveryOffsetAndLength() {
    // The counter reads eight bytes at a time: every start offset and every tail length.
    byte[] bytes = " ab\tcd\n\n  ef\u00e9 gh\r\nij kl\u000bmn\fop qr\nst"
        .getBytes(StandardCharsets.ISO_8859_1);
    MemorySegment all = MemorySegment.ofArray(bytes);
    for (int from = 0; from < bytes.length; from++) {
      for (int to = from; to <= bytes.length; to++) {
        byte[] part = java.util.Arrays.copyOfRange(bytes, from, to);
        Totals expected = NaiveCount.of(part);
        WordStats bySegment = new WordStats();
        bySegment.add(all.asSlice(from, to - from));
        WordStats byArray = new WordStats();
        byArray.add(part);
        assertEquals(expected, bySegment.totals(), "segment [" + from + ", " + to + ")");
        assertEquals(expected, byArray.totals(), "array [" + from + ", " + to + ")");
      }
    }
  }

  @Test
  void marksWhiteSpaceBytesExactly() {
    for (int b = 0; b < 256; b++) {
      long w = 0x4141414141414141L & ~(0xFFL << 24) | (long) b << 24; // byte 3 is b, others 'A'
      long expectedSpace = NaiveCount.isSpace((char) b) ? 0x80L << 24 : 0;
      assertEquals(expectedSpace, WordStats.spaceBytes(w), "byte " + b);
      assertEquals(b == '\n' ? 0x80L << 24 : 0, WordStats.newlineBytes(w), "byte " + b);
      assertEquals(NaiveCount.isSpace((char) b), WordStats.isSpace(b), "byte " + b);
    }
  }

  @Test
  void manyDistinctFirstWordsGrowTheTable() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("w").append(i % 5_000).append(" rest of line\n");
    }
    Totals t = count(text.toString());
    assertEquals(20_000, t.lines());
    assertEquals(5_000, t.firstWords().distinct());
    assertEquals(4L, t.firstWords().count("w4999"));
    assertEquals(4L, t.firstWords().count("w0"));
    assertEquals(5_003, t.wordCounts().distinct());
    assertEquals(20_000L, t.wordCounts().count("rest"));
  }

  @Test
  void firstWordsLongerThanTheKeyLimitAreCountedByTheirPrefix() {
    String prefix = "x".repeat(WordTable.MAX_KEY_BYTES);
    String text = prefix + "a tail\n" + prefix + "b\n" + "short\n";
    Totals t = count(text);
    assertEquals(3, t.lines());
    assertEquals(4, t.words());
    assertEquals(Map.of(prefix, 2L, "short", 1L), t.firstWords().toMap());
    assertEquals(Map.of(prefix, 2L, "tail", 1L, "short", 1L), t.wordCounts().toMap());
  }

  @Test
  void wordsStatsAccumulateOverManyChunks() {
    WordStats stats = new WordStats();
    List<String> parts = new ArrayList<>(List.of("a b\n", "c\n", "", "a\n"));
    for (String part : parts) {
      stats.add(MemorySegment.ofArray(part.getBytes(StandardCharsets.UTF_8)));
    }
    assertEquals(4, stats.chunks());
    assertEquals(totals(3, 4, 8, Map.of("a", 2L, "c", 1L), Map.of("a", 2L, "b", 1L, "c", 1L)),
        stats.totals());
  }
}
