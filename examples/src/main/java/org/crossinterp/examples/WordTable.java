package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Counts words given as byte ranges (of a segment or an array) without making a {@code String}
 * per word: an open-addressing hash table whose keys are the words' bytes, copied once per
 * distinct word into one growing array. Words are compared and ordered by their bytes; they
 * become Strings only when asked for ({@link WordCounts#top}).
 *
 * <p>Two tables that counted the same words hold equal keys with equal hashes, whatever the
 * order or the memory the words came from, so tables can be merged ({@link #add(MemorySegment,
 * long, long, long, long)}) and compared ({@link #count}).
 *
 * <p>Not thread-safe: each worker owns its own, and main's {@link Statistics} its own.
 */
final class WordTable {
  /**
   * Longer words are counted by their first this many bytes (less up to three, so that the cut
   * falls before a UTF-8 continuation byte and the key stays valid text), which keeps the key
   * store bounded on binary input whose "word" is a whole file.
   */
  static final int MAX_KEY_BYTES = 1 << 16;

  private static final long MULTIPLIER = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd
  private static final ValueLayout.OfLong LONG_LE =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle ARRAY_LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long[] hashes;
  private int[] offsets; // -1 marks a free slot
  private int[] lengths;
  private long[] counts;
  private byte[] keys;
  private MemorySegment keySegment;
  private int keysUsed;
  private int size;
  private long total;

  /** An empty table. */
  WordTable() {
    hashes = new long[1024];
    offsets = newOffsets(1024);
    lengths = new int[1024];
    counts = new long[1024];
    keys = new byte[1 << 14];
    keySegment = MemorySegment.ofArray(keys);
  }

  /** A copy of {@code other}, with arrays of its own. */
  private WordTable(WordTable other) {
    hashes = other.hashes.clone();
    offsets = other.offsets.clone();
    lengths = other.lengths.clone();
    counts = other.counts.clone();
    keys = Arrays.copyOf(other.keys, other.keysUsed);
    keySegment = MemorySegment.ofArray(keys);
    keysUsed = other.keysUsed;
    size = other.size;
    total = other.total;
  }

  private static int[] newOffsets(int capacity) {
    int[] offsets = new int[capacity];
    Arrays.fill(offsets, -1);
    return offsets;
  }

  /**
   * A copy that this table's later changes do not affect.
   *
   * @return the copy
   */
  WordTable copy() {
    return new WordTable(this);
  }

  // ---------------------------------------------------------------- hashing

  /**
   * The hash of the bytes {@code text[from, to)}: eight bytes at a time (a multiply and a
   * rotation each), so a short word costs one or two steps rather than one per byte. Equal to
   * {@link #hash(byte[], int, int)} of the same bytes.
   *
   * @param text the memory the word is in
   * @param from its first byte
   * @param to one past its last byte
   * @return the hash
   */
  static long hash(MemorySegment text, long from, long to) {
    long h = to - from;
    long i = from;
    for (; to - i >= 8; i += 8) {
      h = mix(h, text.get(LONG_LE, i));
    }
    int rest = (int) (to - i);
    if (rest > 0) {
      long w;
      if (i + 8 <= text.byteSize()) {
        w = text.get(LONG_LE, i) & (-1L >>> (64 - 8 * rest)); // read past the word, then mask
      } else {
        w = 0;
        for (int k = 0; k < rest; k++) {
          w |= (text.get(ValueLayout.JAVA_BYTE, i + k) & 0xFFL) << (8 * k);
        }
      }
      h = mix(h, w);
    }
    return finish(h);
  }

  /**
   * The hash of the bytes {@code text[from, to)}, as {@link #hash(MemorySegment, long, long)}.
   *
   * @param text the array the word is in
   * @param from its first byte
   * @param to one past its last byte
   * @return the hash
   */
  static long hash(byte[] text, int from, int to) {
    long h = to - from;
    int i = from;
    for (; to - i >= 8; i += 8) {
      h = mix(h, (long) ARRAY_LONG_LE.get(text, i));
    }
    int rest = to - i;
    if (rest > 0) {
      long w;
      if (i + 8 <= text.length) {
        w = (long) ARRAY_LONG_LE.get(text, i) & (-1L >>> (64 - 8 * rest));
      } else {
        w = 0;
        for (int k = 0; k < rest; k++) {
          w |= (text[i + k] & 0xFFL) << (8 * k);
        }
      }
      h = mix(h, w);
    }
    return finish(h);
  }

  private static long mix(long h, long w) {
    return Long.rotateLeft((h ^ w) * MULTIPLIER, 27);
  }

  private static long finish(long h) {
    h *= MULTIPLIER;
    return h ^ (h >>> 32);
  }

  /**
   * Where the key of the word {@code text[from, to)} ends: {@code to}, or for a word longer
   * than {@link #MAX_KEY_BYTES} the cut described there.
   *
   * @param text the memory the word is in
   * @param from its first byte
   * @param to one past its last byte
   * @return one past the key's last byte
   */
  static long keyEnd(MemorySegment text, long from, long to) {
    if (to - from <= MAX_KEY_BYTES) {
      return to;
    }
    long end = from + MAX_KEY_BYTES;
    for (int k = 0; k < 3 && (text.get(ValueLayout.JAVA_BYTE, end) & 0xC0) == 0x80; k++) {
      end--;
    }
    return end;
  }

  /**
   * As {@link #keyEnd(MemorySegment, long, long)}, for a word in an array.
   *
   * @param text the array the word is in
   * @param from its first byte
   * @param to one past its last byte
   * @return one past the key's last byte
   */
  static int keyEnd(byte[] text, int from, int to) {
    if (to - from <= MAX_KEY_BYTES) {
      return to;
    }
    int end = from + MAX_KEY_BYTES;
    for (int k = 0; k < 3 && (text[end] & 0xC0) == 0x80; k++) {
      end--;
    }
    return end;
  }

  // ---------------------------------------------------------------- counting

  /**
   * Adds {@code count} to the word {@code text[from, to)}, cut to its key first ({@link
   * #keyEnd}).
   *
   * @param text the memory the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @param count how many occurrences, at least 1
   */
  void add(MemorySegment text, long from, long to, long count) {
    long end = keyEnd(text, from, to);
    add(text, from, end, hash(text, from, end), count);
  }

  /**
   * Adds {@code count} to the key {@code text[from, to)}, whose hash the caller computed.
   *
   * @param text the memory the key is in
   * @param from its first byte
   * @param to one past its last byte; at most {@link #MAX_KEY_BYTES} after {@code from}
   * @param hash {@link #hash(MemorySegment, long, long)} of the key
   * @param count how many occurrences, at least 1
   */
  void add(MemorySegment text, long from, long to, long hash, long count) {
    int len = (int) (to - from);
    int mask = offsets.length - 1;
    total += count;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int offset = offsets[slot];
      if (offset < 0) {
        insert(slot, text, from, len, hash, count);
        return;
      }
      if (hashes[slot] == hash
          && lengths[slot] == len
          && MemorySegment.mismatch(text, from, to, keySegment, offset, offset + len) < 0) {
        counts[slot] += count;
        return;
      }
    }
  }

  /**
   * Adds one to the key {@code text[from, to)}, as {@link #add(MemorySegment, long, long, long,
   * long)} does.
   *
   * @param text the array the key is in
   * @param from its first byte
   * @param to one past its last byte; at most {@link #MAX_KEY_BYTES} after {@code from}
   * @param hash {@link #hash(byte[], int, int)} of the key
   */
  void add(byte[] text, int from, int to, long hash) {
    int len = to - from;
    int mask = offsets.length - 1;
    total++;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int offset = offsets[slot];
      if (offset < 0) {
        insert(slot, MemorySegment.ofArray(text), from, len, hash, 1);
        return;
      }
      if (hashes[slot] == hash
          && lengths[slot] == len
          && Arrays.equals(text, from, to, keys, offset, offset + len)) {
        counts[slot]++;
        return;
      }
    }
  }

  private void insert(int slot, MemorySegment text, long from, int len, long hash, long count) {
    if (keys.length - keysUsed < len) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysUsed + len));
      keySegment = MemorySegment.ofArray(keys);
    }
    MemorySegment.copy(text, ValueLayout.JAVA_BYTE, from, keys, keysUsed, len);
    hashes[slot] = hash;
    offsets[slot] = keysUsed;
    lengths[slot] = len;
    counts[slot] = count;
    keysUsed += len;
    if (++size * 2 > offsets.length) {
      grow();
    }
  }

  private void grow() {
    long[] oldHashes = hashes;
    int[] oldOffsets = offsets;
    int[] oldLengths = lengths;
    long[] oldCounts = counts;
    int capacity = oldOffsets.length * 2;
    hashes = new long[capacity];
    offsets = newOffsets(capacity);
    lengths = new int[capacity];
    counts = new long[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldOffsets.length; i++) {
      if (oldOffsets[i] >= 0) {
        int slot = (int) oldHashes[i] & mask;
        while (offsets[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        hashes[slot] = oldHashes[i];
        offsets[slot] = oldOffsets[i];
        lengths[slot] = oldLengths[i];
        counts[slot] = oldCounts[i];
      }
    }
  }

  /** Forgets every word, keeping the memory for the next ones. */
  void clear() {
    if (size > 0) {
      Arrays.fill(offsets, -1);
      size = 0;
    }
    keysUsed = 0;
    total = 0;
  }

  // ---------------------------------------------------------------- reading

  /**
   * The number of distinct words.
   *
   * @return the count
   */
  int distinct() {
    return size;
  }

  /**
   * The number of words counted, all occurrences.
   *
   * @return the sum of all counts
   */
  long total() {
    return total;
  }

  /**
   * How often the key {@code key[from, to)} was counted.
   *
   * @param key the memory the key is in
   * @param from its first byte
   * @param to one past its last byte
   * @param hash {@link #hash(MemorySegment, long, long)} of the key
   * @return its count; 0 if it was never counted
   */
  long count(MemorySegment key, long from, long to, long hash) {
    int len = (int) (to - from);
    int mask = offsets.length - 1;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int offset = offsets[slot];
      if (offset < 0) {
        return 0;
      }
      if (hashes[slot] == hash
          && lengths[slot] == len
          && MemorySegment.mismatch(key, from, to, keySegment, offset, offset + len) < 0) {
        return counts[slot];
      }
    }
  }

  /** What {@link #forEach} hands each entry. */
  @FunctionalInterface
  interface EntryVisitor {
    /**
     * One distinct word.
     *
     * @param keys the table's key store (read only, valid during the call)
     * @param offset where the word's bytes start in {@code keys}
     * @param length how many bytes it has
     * @param hash its hash
     * @param count how often it was counted
     */
    void visit(byte[] keys, int offset, int length, long hash, long count);
  }

  /**
   * Visits every distinct word, in no particular order.
   *
   * @param visitor called once per word
   */
  void forEach(EntryVisitor visitor) {
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] >= 0) {
        visitor.visit(keys, offsets[i], lengths[i], hashes[i], counts[i]);
      }
    }
  }

  /**
   * Whether this table holds exactly the words and counts of {@code other}. No Strings.
   *
   * @param other another table
   * @return true if both counted the same words the same number of times
   */
  boolean sameCounts(WordTable other) {
    if (size != other.size || total != other.total) {
      return false;
    }
    for (int i = 0; i < offsets.length; i++) {
      int offset = offsets[i];
      if (offset >= 0
          && other.count(keySegment, offset, offset + lengths[i], hashes[i]) != counts[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash code consistent with {@link #sameCounts}: independent of insertion order.
   *
   * @return the hash code
   */
  int contentHash() {
    long h = 0;
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] >= 0) {
        h += hashes[i] * 31 + counts[i];
      }
    }
    return Long.hashCode(h);
  }
}
