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
 * <p>Layout, for speed: each slot is four {@code long}s side by side in one array (hash, the
 * word's first eight bytes, count, key offset and length), so a lookup touches one cache line;
 * a word of up to eight bytes is matched by those first bytes alone, without reading the key
 * store. A count of 0 marks a free slot.
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

  // a slot's four longs
  private static final int HASH = 0;
  private static final int PREFIX = 1;
  private static final int COUNT = 2;
  private static final int KEY = 3; // offset << 32 | length
  private static final int INITIAL_SLOTS = 256;

  private long[] slots;
  private byte[] keys;
  private MemorySegment keySegment;
  private int keysUsed;
  private int size;
  private long total;

  /** An empty table. */
  WordTable() {
    slots = new long[INITIAL_SLOTS * 4];
    keys = new byte[1 << 12];
    keySegment = MemorySegment.ofArray(keys);
  }

  /** A copy of {@code other}, with arrays of its own. */
  private WordTable(WordTable other) {
    slots = other.slots.clone();
    keys = Arrays.copyOf(other.keys, other.keysUsed);
    keySegment = MemorySegment.ofArray(keys);
    keysUsed = other.keysUsed;
    size = other.size;
    total = other.total;
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

  private static long mask(long length) {
    return -1L >>> (64 - 8 * length); // the low length bytes, for 1 <= length <= 7
  }

  /**
   * The first eight bytes of the word {@code text[from, to)}, the first in the low bits, padded
   * with zeros if it is shorter. Equal to {@link #prefix(byte[], int, int)} of the same bytes.
   *
   * @param text the memory the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @return the prefix
   */
  static long prefix(MemorySegment text, long from, long to) {
    long length = to - from;
    if (length >= 8) {
      return text.get(LONG_LE, from);
    }
    return block(text, from, length);
  }

  /** The {@code length < 8} bytes at {@code from}, zero-padded. */
  private static long block(MemorySegment text, long from, long length) {
    if (from + 8 <= text.byteSize()) {
      return text.get(LONG_LE, from) & mask(length); // read past the word, then mask
    }
    long w = 0;
    for (int k = 0; k < length; k++) {
      w |= (text.get(ValueLayout.JAVA_BYTE, from + k) & 0xFFL) << (8 * k);
    }
    return w;
  }

  /**
   * As {@link #prefix(MemorySegment, long, long)}, for a word in an array.
   *
   * @param text the array the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @return the prefix
   */
  static long prefix(byte[] text, int from, int to) {
    int length = to - from;
    if (length >= 8) {
      return (long) ARRAY_LONG_LE.get(text, from);
    }
    return block(text, from, length);
  }

  private static long block(byte[] text, int from, int length) {
    if (from + 8 <= text.length) {
      return (long) ARRAY_LONG_LE.get(text, from) & mask(length);
    }
    long w = 0;
    for (int k = 0; k < length; k++) {
      w |= (text[from + k] & 0xFFL) << (8 * k);
    }
    return w;
  }

  /**
   * The hash of the word {@code text[from, to)}: eight bytes at a time (a multiply and a
   * rotation each), so a word of up to eight bytes costs one step. Equal to {@link
   * #hash(byte[], int, int, long)} of the same bytes.
   *
   * @param text the memory the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @param prefix {@link #prefix(MemorySegment, long, long)} of the word
   * @return the hash
   */
  static long hash(MemorySegment text, long from, long to, long prefix) {
    long h = mix(to - from, prefix);
    long i = from + 8;
    for (; to - i >= 8; i += 8) {
      h = mix(h, text.get(LONG_LE, i));
    }
    if (i < to) {
      h = mix(h, block(text, i, to - i));
    }
    return finish(h);
  }

  /**
   * The hash of the word {@code text[from, to)}, as {@link #hash(MemorySegment, long, long,
   * long)}.
   *
   * @param text the array the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @param prefix {@link #prefix(byte[], int, int)} of the word
   * @return the hash
   */
  static long hash(byte[] text, int from, int to, long prefix) {
    long h = mix(to - from, prefix);
    int i = from + 8;
    for (; to - i >= 8; i += 8) {
      h = mix(h, (long) ARRAY_LONG_LE.get(text, i));
    }
    if (i < to) {
      h = mix(h, block(text, i, to - i));
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
    long prefix = prefix(text, from, end);
    add(text, from, end, prefix, hash(text, from, end, prefix), count);
  }

  /**
   * Adds {@code count} to the key {@code text[from, to)}, whose prefix and hash the caller
   * computed.
   *
   * @param text the memory the key is in
   * @param from its first byte
   * @param to one past its last byte; at most {@link #MAX_KEY_BYTES} after {@code from}
   * @param prefix {@link #prefix(MemorySegment, long, long)} of the key
   * @param hash {@link #hash(MemorySegment, long, long, long)} of the key
   * @param count how many occurrences, at least 1
   */
  void add(MemorySegment text, long from, long to, long prefix, long hash, long count) {
    int len = (int) (to - from);
    int mask = (slots.length >>> 2) - 1;
    total += count;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int b = slot << 2;
      if (slots[b + COUNT] == 0) {
        insert(b, text, from, len, prefix, hash, count);
        return;
      }
      if (slots[b + HASH] == hash
          && slots[b + PREFIX] == prefix
          && (int) slots[b + KEY] == len
          && (len <= 8 || restEquals(text, from, len, (int) (slots[b + KEY] >>> 32)))) {
        slots[b + COUNT] += count;
        return;
      }
    }
  }

  /**
   * Whether bytes 8 to {@code len} of the word at {@code from} equal those of the key at {@code
   * offset}: eight at a time, as the hash reads them (faster than a bulk mismatch for words this
   * short).
   */
  private boolean restEquals(MemorySegment text, long from, int len, int offset) {
    long end = from + len;
    long i = from + 8;
    int k = offset + 8;
    for (; end - i >= 8; i += 8, k += 8) {
      if (text.get(LONG_LE, i) != (long) ARRAY_LONG_LE.get(keys, k)) {
        return false;
      }
    }
    int rest = (int) (end - i);
    return rest == 0 || block(text, i, rest) == block(keys, k, rest);
  }

  /** As {@link #restEquals(MemorySegment, long, int, int)}, for a word in an array. */
  private boolean restEquals(byte[] text, int from, int len, int offset) {
    int end = from + len;
    int i = from + 8;
    int k = offset + 8;
    for (; end - i >= 8; i += 8, k += 8) {
      if ((long) ARRAY_LONG_LE.get(text, i) != (long) ARRAY_LONG_LE.get(keys, k)) {
        return false;
      }
    }
    int rest = end - i;
    return rest == 0 || block(text, i, rest) == block(keys, k, rest);
  }

  /**
   * Adds one to the key {@code text[from, to)}, as {@link #add(MemorySegment, long, long, long,
   * long, long)} does.
   *
   * @param text the array the key is in
   * @param from its first byte
   * @param to one past its last byte; at most {@link #MAX_KEY_BYTES} after {@code from}
   * @param prefix {@link #prefix(byte[], int, int)} of the key
   * @param hash {@link #hash(byte[], int, int, long)} of the key
   */
  void add(byte[] text, int from, int to, long prefix, long hash) {
    int len = to - from;
    int mask = (slots.length >>> 2) - 1;
    total++;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int b = slot << 2;
      if (slots[b + COUNT] == 0) {
        insert(b, MemorySegment.ofArray(text), from, len, prefix, hash, 1);
        return;
      }
      if (slots[b + HASH] == hash
          && slots[b + PREFIX] == prefix
          && (int) slots[b + KEY] == len
          && (len <= 8 || restEquals(text, from, len, (int) (slots[b + KEY] >>> 32)))) {
        slots[b + COUNT]++;
        return;
      }
    }
  }

  private void insert(
      int b, MemorySegment text, long from, int len, long prefix, long hash, long count) {
    if (keys.length - keysUsed < len) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysUsed + len));
      keySegment = MemorySegment.ofArray(keys);
    }
    MemorySegment.copy(text, ValueLayout.JAVA_BYTE, from, keys, keysUsed, len);
    slots[b + HASH] = hash;
    slots[b + PREFIX] = prefix;
    slots[b + COUNT] = count;
    slots[b + KEY] = (long) keysUsed << 32 | len;
    keysUsed += len;
    if (++size * 2 > slots.length >>> 2) {
      grow();
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = (slots.length >>> 2) - 1;
    for (int b = 0; b < old.length; b += 4) {
      if (old[b + COUNT] != 0) {
        int slot = (int) old[b + HASH] & mask;
        while (slots[(slot << 2) + COUNT] != 0) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(old, b, slots, slot << 2, 4);
      }
    }
  }

  /** Forgets every word, keeping the memory for the next ones. */
  void clear() {
    if (size > 0) {
      Arrays.fill(slots, 0);
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
   * @param to one past its last byte; {@code to > from}
   * @return its count; 0 if it was never counted
   */
  long count(MemorySegment key, long from, long to) {
    long prefix = prefix(key, from, to);
    return count(key, from, to, prefix, hash(key, from, to, prefix));
  }

  private long count(MemorySegment key, long from, long to, long prefix, long hash) {
    int len = (int) (to - from);
    int mask = (slots.length >>> 2) - 1;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      int b = slot << 2;
      if (slots[b + COUNT] == 0) {
        return 0;
      }
      if (slots[b + HASH] == hash
          && slots[b + PREFIX] == prefix
          && (int) slots[b + KEY] == len
          && (len <= 8 || restEquals(key, from, len, (int) (slots[b + KEY] >>> 32)))) {
        return slots[b + COUNT];
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
     * @param count how often it was counted
     */
    void visit(byte[] keys, int offset, int length, long count);
  }

  /**
   * Visits every distinct word, in no particular order.
   *
   * @param visitor called once per word
   */
  void forEach(EntryVisitor visitor) {
    for (int b = 0; b < slots.length; b += 4) {
      if (slots[b + COUNT] != 0) {
        long key = slots[b + KEY];
        visitor.visit(keys, (int) (key >>> 32), (int) key, slots[b + COUNT]);
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
    for (int b = 0; b < slots.length; b += 4) {
      if (slots[b + COUNT] != 0) {
        int offset = (int) (slots[b + KEY] >>> 32);
        int len = (int) slots[b + KEY];
        long theirs =
            other.count(keySegment, offset, offset + len, slots[b + PREFIX], slots[b + HASH]);
        if (theirs != slots[b + COUNT]) {
          return false;
        }
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
    for (int b = 0; b < slots.length; b += 4) {
      if (slots[b + COUNT] != 0) {
        h += slots[b + HASH] * 31 + slots[b + COUNT];
      }
    }
    return Long.hashCode(h);
  }
}
