package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.crossinterp.strview.Encoding;

/**
 * How often each word occurs: an immutable snapshot of a {@link WordTable}, keyed by the words'
 * bytes. Equality compares every word and count, without making a String; {@link #top} makes
 * Strings only of the words it returns. Any thread.
 */
final class WordCounts {
  /** No words, UTF-8. */
  static final WordCounts EMPTY = new WordCounts(new WordTable(), Encoding.UTF8);

  private final WordTable table;
  private final Encoding encoding;

  private WordCounts(WordTable table, Encoding encoding) {
    this.table = table;
    this.encoding = encoding;
  }

  /**
   * A snapshot of {@code table}.
   *
   * @param table the counts; copied, so it may go on changing
   * @param encoding how the words' bytes are decoded for {@link #top} and {@link #toMap}
   * @return the snapshot
   */
  static WordCounts copyOf(WordTable table, Encoding encoding) {
    return new WordCounts(table.copy(), encoding);
  }

  /**
   * A snapshot that takes {@code table} over instead of copying it.
   *
   * @param table the counts; the caller must never change it again
   * @param encoding how the words' bytes are decoded for {@link #top} and {@link #toMap}
   * @return the snapshot
   */
  static WordCounts handOver(WordTable table, Encoding encoding) {
    return new WordCounts(table, encoding);
  }

  /**
   * The number of distinct words.
   *
   * @return the count
   */
  int distinct() {
    return table.distinct();
  }

  /**
   * All occurrences of all words.
   *
   * @return the sum of the counts
   */
  long total() {
    return table.total();
  }

  /**
   * How often {@code word} occurs.
   *
   * @param word a word
   * @return its count, 0 if it does not occur
   */
  long count(String word) {
    byte[] bytes = word.getBytes(encoding.charset());
    return bytes.length == 0 ? 0 : table.count(MemorySegment.ofArray(bytes), 0, bytes.length);
  }

  /**
   * The most frequent words, most frequent first; ties in the order of their bytes (for UTF-8,
   * the order of code points), so the table is the same every run.
   *
   * @param n how many at most
   * @return up to {@code n} words, decoded
   */
  List<WordCount> top(int n) {
    if (n <= 0 || distinct() == 0) {
      return List.of();
    }
    // A heap of the best n so far with the worst on top: one pass, no sort of everything.
    Comparator<Entry> best = Comparator.comparingLong(Entry::count).reversed()
        .thenComparing(Entry::compareBytes);
    PriorityQueue<Entry> heap = new PriorityQueue<>(n + 1, best.reversed());
    table.forEach(
        (keys, offset, length, count) -> {
          if (heap.size() < n) {
            heap.add(new Entry(keys, offset, length, count));
          } else {
            Entry worst = heap.peek();
            if (count > worst.count()
                || count == worst.count()
                    && Arrays.compareUnsigned(keys, offset, offset + length,
                        worst.keys(), worst.offset(), worst.offset() + worst.length()) < 0) {
              heap.poll();
              heap.add(new Entry(keys, offset, length, count));
            }
          }
        });
    List<Entry> entries = new ArrayList<>(heap);
    entries.sort(best);
    Charset charset = encoding.charset();
    List<WordCount> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(new WordCount(new String(e.keys(), e.offset(), e.length(), charset), e.count()));
    }
    return List.copyOf(out);
  }

  /** A slot of the table, while {@link #top} ranks it. */
  private record Entry(byte[] keys, int offset, int length, long count) {
    int compareBytes(Entry o) {
      return Arrays.compareUnsigned(keys, offset, offset + length,
          o.keys, o.offset, o.offset + o.length);
    }
  }

  /**
   * Every word and its count, decoded: for tests and small texts (a String per word).
   * Byte sequences that decode alike are added up.
   *
   * @return a new mutable map
   */
  Map<String, Long> toMap() {
    Map<String, Long> map = HashMap.newHashMap(distinct());
    Charset charset = encoding.charset();
    table.forEach(
        (keys, offset, length, count) ->
            map.merge(new String(keys, offset, length, charset), count, Long::sum));
    return map;
  }

  /** Equal when both hold the same words (as bytes) with the same counts, in the same encoding. */
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof WordCounts w && encoding == w.encoding && table.sameCounts(w.table);
  }

  @Override
  public int hashCode() {
    return table.contentHash();
  }

  /** A summary for messages: the number of words and the first few. */
  @Override
  public String toString() {
    return "WordCounts[" + distinct() + " distinct, " + total() + " in all, top " + top(5) + "]";
  }
}
