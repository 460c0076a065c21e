package org.crossinterp.objchannel.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arrays and buffers of one proxy call, numbered in the order they cross (depth first,
 * each numbered before its elements): on the caller's side the caller's own, on the callee's
 * side its copies. Both sides number the same crossings the same way, so a slot names the same
 * array on both: the arguments' arrays are the first {@link #lentCount} slots, and what crosses
 * back (the callee's writes, then the result) numbers any new array after them.
 *
 * <p>This is what makes copy-restore exact: an array met again (passed twice, nested in itself,
 * or, on the way back, the callee's copy of an argument) crosses as its slot ({@link
 * Item.CopyRef}) instead of as another copy. One thread at a time: the caller packs, then the
 * callee unpacks and packs, then the caller unpacks (each hand-over is a happens-before).
 */
final class LentArrays {
  private final List<Object> bySlot = new ArrayList<>(4);
  private final Map<Object, Integer> slots = new IdentityHashMap<>(4);
  private int lentCount = -1;

  /** The slot of {@code array} (by identity), or -1 if it has not crossed in this call. */
  int slotOf(Object array) {
    Integer slot = slots.get(array);
    return slot == null ? -1 : slot;
  }

  /** Numbers an array that crosses for the first time in this call. */
  int add(Object array) {
    int slot = bySlot.size();
    bySlot.add(array);
    slots.put(array, slot);
    return slot;
  }

  /** Puts what arrived for {@code slot}: the next slot, since both sides number alike. */
  void put(int slot, Object array) {
    if (slot != bySlot.size()) {
      throw new IllegalStateException(
          "array slot " + slot + " arrived where slot " + bySlot.size() + " was due");
    }
    add(array);
  }

  /** The array or buffer in {@code slot}. */
  Object get(int slot) {
    return bySlot.get(slot);
  }

  /** Marks the end of the arguments: the slots numbered so far are restored after the call. */
  void endArguments() {
    lentCount = bySlot.size();
  }

  /** How many slots the arguments took: those are copied back after the call. */
  int lentCount() {
    return lentCount;
  }
}
