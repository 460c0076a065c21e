package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;
import org.junit.jupiter.api.Test;

/** The byte-keyed word table, its snapshots, and the text form of counts. */
class WordTableTest {
  @Test
  void hashAndPrefixAreTheSameFromAnArrayAndFromASegmentAtEveryOffsetAndLength() {
    byte[] bytes = new byte[40];
    new SplittableRandom(1).nextBytes(bytes);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment nativeCopy = arena.allocate(bytes.length);
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, nativeCopy, 0, bytes.length);
      for (int from = 0; from < bytes.length; from++) {
        for (int to = from + 1; to <= bytes.length; to++) {
          long p = WordTable.prefix(bytes, from, to);
          assertEquals(p, WordTable.prefix(nativeCopy, from, to), from + ".." + to);
          long h = WordTable.hash(bytes, from, to, p);
          assertEquals(h, WordTable.hash(nativeCopy, from, to, p), from + ".." + to);
          // the hash depends on the word's bytes only, not on what follows it in memory
          byte[] alone = java.util.Arrays.copyOfRange(bytes, from, to);
          assertEquals(h, WordTable.hash(alone, 0, alone.length,
              WordTable.prefix(alone, 0, alone.length)), from + ".." + to);
        }
      }
    }
  }

  @Test
  void countsManyWordsOfManyLengthsExactly() {
    SplittableRandom random = new SplittableRandom(2);
    WordTable table = new WordTable();
    Map<String, Long> reference = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      // common prefixes and lengths around 8 and 16 bytes make hash and prefix ties likely
      String word = "word-" + "x".repeat(random.nextInt(14)) + random.nextInt(3000);
      byte[] b = word.getBytes(StandardCharsets.US_ASCII);
      table.add(MemorySegment.ofArray(b), 0, b.length, 1);
      reference.merge(word, 1L, Long::sum);
    }
    WordCounts counts = WordCounts.copyOf(table, Encoding.UTF8);
    assertEquals(reference, counts.toMap());
    assertEquals(reference.size(), counts.distinct());
    assertEquals(50_000, counts.total());
    table.clear();
    assertEquals(0, table.distinct());
    assertEquals(reference.size(), counts.distinct(), "a snapshot does not change with the table");
  }

  @Test
  void snapshotsAreEqualWhenTheyCountedTheSameWordsInAnyOrder() {
    WordTable a = new WordTable();
    WordTable b = new WordTable();
    for (String w : new String[] {"x", "y", "a-long-word-over-eight", "x"}) {
      byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
      a.add(MemorySegment.ofArray(bytes), 0, bytes.length, 1);
    }
    for (String w : new String[] {"a-long-word-over-eight", "x", "x", "y"}) {
      byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
      b.add(MemorySegment.ofArray(bytes), 0, bytes.length, 1);
    }
    WordCounts ca = WordCounts.copyOf(a, Encoding.UTF8);
    WordCounts cb = WordCounts.copyOf(b, Encoding.UTF8);
    assertEquals(ca, cb);
    assertEquals(ca.hashCode(), cb.hashCode());
    assertNotEquals(ca, WordCounts.copyOf(a, Encoding.LATIN1), "another encoding");
    byte[] z = "y".getBytes(StandardCharsets.UTF_8);
    b.add(MemorySegment.ofArray(z), 0, 1, 1);
    assertNotEquals(ca, WordCounts.copyOf(b, Encoding.UTF8), "one count differs");
    assertTrue(ca.toString().contains("3 distinct"), ca.toString());
  }

  @Test
  void countsCrossAsTextAndAddUpInTheReceiver() {
    WordTable source = new WordTable();
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      String w = "größe-" + (i % 300);
      byte[] b = w.getBytes(StandardCharsets.UTF_8);
      source.add(MemorySegment.ofArray(b), 0, b.length, i + 1L);
      expected.merge(w, i + 1L, Long::sum);
    }
    CountsText writer = new CountsText();
    WordTable target = new WordTable();
    StrView text = writer.write(source, Encoding.UTF8);
    assertTrue(text.toString().contains("größe-0 "), "one 'word count' line per word");
    assertEquals(300, text.toString().lines().count());
    CountsText.addTo(text, target);
    CountsText.addTo(text, target); // twice: counts add up
    text.release();
    assertThrows(IllegalStateException.class, () -> CountsText.addTo(text, new WordTable()),
        "a released report cannot be read");
    Map<String, Long> doubled = new HashMap<>();
    expected.forEach((w, c) -> doubled.put(w, 2 * c));
    assertEquals(doubled, WordCounts.copyOf(target, Encoding.UTF8).toMap());
    StrView empty = writer.write(new WordTable(), Encoding.UTF8);
    assertEquals(0, empty.length(), "no words, no text");
    CountsText.addTo(empty, target);
    empty.release();
  }

  @Test
  void textThatIsNotWordCountsIsRefusedNamingTheOffset() {
    for (String bad : new String[] {"word\n", "word 12", "word x\n", " 3\n", "a 1\nb -2\n",
        "a 0\n"}) {
      WordTable table = new WordTable();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CountsText.addTo(StrView.wrap(MemorySegment.ofArray(
              bad.getBytes(StandardCharsets.US_ASCII)), Encoding.UTF8), table), bad);
      assertTrue(e.getMessage().contains("at byte"), e.getMessage());
      assertTrue(e.getMessage().contains("CountsText.write"), "says how to make one");
    }
  }

  @Test
  void aWordLongerThanTheKeyLimitIsCutBeforeAContinuationByte() {
    // 'é' is two bytes; placed across the limit, the cut moves back to before it
    String word = "x".repeat(WordTable.MAX_KEY_BYTES - 1) + "é" + "tail";
    byte[] b = word.getBytes(StandardCharsets.UTF_8);
    MemorySegment s = MemorySegment.ofArray(b);
    assertEquals(WordTable.MAX_KEY_BYTES - 1, WordTable.keyEnd(s, 0, b.length));
    assertEquals(WordTable.MAX_KEY_BYTES - 1, WordTable.keyEnd(b, 0, b.length));
    Totals t = WordStats.of(word + "\n");
    assertEquals(Map.of("x".repeat(WordTable.MAX_KEY_BYTES - 1), 1L), t.wordCounts().toMap());
    // and its report is still valid UTF-8 text
    WordStats stats = new WordStats();
    stats.add(b);
    stats.report("w").release();
  }
}
