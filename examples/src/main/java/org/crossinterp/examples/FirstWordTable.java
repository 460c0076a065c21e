package org.crossinterp.examples;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts words given as byte ranges of a segment, without making a {@code String} per
 * occurrence: an open-addressing hash table whose keys are the words' bytes, copied once per
 * distinct word into one growing array. Only {@link #toMap()} makes Strings, one per distinct
 * word.
 *
 * <p>Not thread-safe: each worker owns one, inside its own interpreter.
 */
final class FirstWordTable {
  /**
   * Longer words are counted by their first this many bytes, which keeps the key store
   * bounded on binary input whose "first word" is a whole file.
   */
  static final int MAX_KEY_BYTES = 1 << 16;

  /** The FNV-1a 64-bit offset basis: the hash of no bytes. */
  static final long FNV_BASIS = 0xcbf29ce484222325L;

  /** The FNV-1a 64-bit prime. */
  static final long FNV_PRIME = 0x100000001b3L;

  private long[] hashes = new long[1024];
  private int[] offsets = newOffsets(1024);
  private int[] lengths = new int[1024];
  private long[] counts = new long[1024];
  private byte[] keys = new byte[1 << 14];
  private MemorySegment keySegment = MemorySegment.ofArray(keys);
  private int keysUsed;
  private int size;

  /** An empty table. */
  FirstWordTable() {}

  private static int[] newOffsets(int capacity) {
    int[] offsets = new int[capacity];
    Arrays.fill(offsets, -1); // -1 marks a free slot
    return offsets;
  }

  /**
   * The FNV-1a hash of bytes, as {@link WordStats} computes it while scanning.
   *
   * @param hash the hash so far ({@link #FNV_BASIS} to start)
   * @param unsignedByte the next byte, 0 to 255
   * @return the hash including that byte
   */
  static long step(long hash, int unsignedByte) {
    return (hash ^ unsignedByte) * FNV_PRIME;
  }

  /**
   * Counts one occurrence of the word {@code text[from, to)}.
   *
   * @param text the memory the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @param hash {@link #step} folded over the word's bytes from {@link #FNV_BASIS}
   */
  void add(MemorySegment text, long from, long to, long hash) {
    long length = to - from;
    if (length > MAX_KEY_BYTES) {
      to = from + MAX_KEY_BYTES;
      length = MAX_KEY_BYTES;
      hash = hashOf(text, from, to);
    }
    int len = (int) length;
    int mask = offsets.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      int offset = offsets[slot];
      if (offset < 0) {
        insert(slot, text, from, len, hash);
        return;
      }
      if (hashes[slot] == hash
          && lengths[slot] == len
          && MemorySegment.mismatch(text, from, to, keySegment, offset, offset + len) < 0) {
        counts[slot]++;
        return;
      }
    }
  }

  /**
   * Counts one occurrence of the word {@code text[from, to)}, as {@link #add(MemorySegment,
   * long, long, long)} does (and with the same hash).
   *
   * @param text the array the word is in
   * @param from its first byte
   * @param to one past its last byte; {@code to > from}
   * @param hash {@link #step} folded over the word's bytes from {@link #FNV_BASIS}
   */
  void add(byte[] text, int from, int to, long hash) {
    if (to - from > MAX_KEY_BYTES) {
      add(MemorySegment.ofArray(text), from, to, hash); // rare: the slow path is fine
      return;
    }
    int len = to - from;
    int mask = offsets.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      int offset = offsets[slot];
      if (offset < 0) {
        insert(slot, MemorySegment.ofArray(text), from, len, hash);
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

  private static long hashOf(MemorySegment text, long from, long to) {
    long hash = FNV_BASIS;
    for (long i = from; i < to; i++) {
      hash = step(hash, text.get(ValueLayout.JAVA_BYTE, i) & 0xff);
    }
    return hash;
  }

  private static int spread(long hash) {
    long h = hash ^ (hash >>> 29);
    return (int) (h ^ (h >>> 32));
  }

  private void insert(int slot, MemorySegment text, long from, int len, long hash) {
    if (keys.length - keysUsed < len) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysUsed + len));
      keySegment = MemorySegment.ofArray(keys);
    }
    MemorySegment.copy(text, ValueLayout.JAVA_BYTE, from, keys, keysUsed, len);
    hashes[slot] = hash;
    offsets[slot] = keysUsed;
    lengths[slot] = len;
    counts[slot] = 1;
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
        int slot = spread(oldHashes[i]) & mask;
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

  /**
   * The number of distinct words counted.
   *
   * @return the count
   */
  int distinct() {
    return size;
  }

  /**
   * The counts by word, decoded as UTF-8 (malformed bytes become U+FFFD; byte sequences that
   * decode alike are added up).
   *
   * @return a new mutable map
   */
  Map<String, Long> toMap() {
    Map<String, Long> map = HashMap.newHashMap(size);
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] >= 0) {
        String word = new String(keys, offsets[i], lengths[i], StandardCharsets.UTF_8);
        map.merge(word, counts[i], Long::sum);
      }
    }
    return map;
  }
}
