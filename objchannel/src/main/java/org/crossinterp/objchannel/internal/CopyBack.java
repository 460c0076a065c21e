package org.crossinterp.objchannel.internal;

import java.util.function.IntFunction;
import org.crossinterp.internal.interp.Domain;

/**
 * Copy-restore, the way back of a proxy call that was lent arrays or buffers (DESIGN §5): the
 * elements the callee wrote into its copies are copied back into the caller's own arrays,
 * crossing by the usual rules, together with the result; a primitive array or a buffer is
 * copied back whole. So out-parameter APIs ({@code toArray(T[])}, {@code read(byte[])}) work
 * through proxies as on the object itself. Elements the callee did not write are left alone:
 * crossing them back would add a reference to every proxy in the array.
 *
 * <p>All or nothing: if anything cannot be copied back, no array of the caller is written to,
 * nothing packed stays pinned, and the call fails with that failure (with the call's own
 * exception, if it threw one, which carries the failure as suppressed).
 */
final class CopyBack {
  private CopyBack() {}

  /**
   * What a call that was lent arrays sends back.
   *
   * @param parts packed: the values the callee wrote, then the result (last)
   * @param slots for each write, the slot of the array written to
   * @param indices for each write, the index written; -1: the whole primitive array or buffer
   * @param thrown what the call threw, or null; the arrays are restored either way, as a
   *     partial write before an exception shows on the object itself
   */
  record Reply(Object[] parts, int[] slots, int[] indices, Exception thrown) {}

  /**
   * In the callee, before the call: the elements of each lent object array as they arrived, to
   * tell afterwards which ones the call wrote.
   */
  static Object[][] snapshot(LentArrays lent) {
    Object[][] before = new Object[lent.lentCount()][];
    for (int s = 0; s < before.length; s++) {
      if (lent.get(s) instanceof Object[] array) {
        before[s] = array.clone();
      }
    }
    return before;
  }

  /**
   * In the callee, after the call: packs its writes and its result for {@code caller}. If that
   * fails, nothing stays packed and the failure is thrown (the call's own exception instead, if
   * it threw one, with the failure suppressed).
   */
  static Reply pack(
      LentArrays lent,
      Object[][] before,
      Object result,
      Exception thrown,
      ProxyType type,
      int methodId,
      Domain caller)
      throws Exception {
    int writes = countWrites(lent, before);
    int[] slots = new int[writes];
    int[] indices = new int[writes];
    Object[] parts = new Object[writes + 1];
    int w = 0;
    for (int s = 0; s < lent.lentCount(); s++) {
      Object copy = lent.get(s);
      if (copy instanceof Object[] array) {
        for (int k = 0; k < array.length; k++) {
          if (array[k] != before[s][k]) {
            slots[w] = s;
            indices[w] = k;
            parts[w++] = array[k];
          }
        }
      } else {
        slots[w] = s;
        indices[w] = -1;
        parts[w++] = copy;
      }
    }
    parts[writes] = result;
    IntFunction<String> what =
        i ->
            i == writes
                ? "the result of " + type.describe(methodId)
                : "element " + indices[i] + " of the " + lent.get(slots[i]).getClass().getTypeName()
                    + " given to " + type.describe(methodId);
    try {
      Elements.pack(
          parts,
          parts,
          (i, value) -> {
            if (i == writes) {
              return Packing.packAs(value, type.returnType(methodId), caller, lent, what, i);
            }
            if (indices[i] < 0) {
              return new Item.PlainCopy(Copies.copyOf(value), Domain.current(), -1);
            }
            Class<?> component = lent.get(slots[i]).getClass().getComponentType();
            return Packing.packAs(value, component, caller, lent, what, i);
          });
    } catch (RuntimeException failure) {
      if (thrown == null) {
        throw failure;
      }
      thrown.addSuppressed(failure);
      throw thrown;
    }
    return new Reply(parts, slots, indices, thrown);
  }

  private static int countWrites(LentArrays lent, Object[][] before) {
    int writes = 0;
    for (int s = 0; s < lent.lentCount(); s++) {
      if (lent.get(s) instanceof Object[] array) {
        for (int k = 0; k < array.length; k++) {
          if (array[k] != before[s][k]) {
            writes++;
          }
        }
      } else {
        writes++;
      }
    }
    return writes;
  }

  /**
   * In the caller: unpacks the reply, writes into the caller's arrays and buffers, and returns
   * the result or throws what the call threw. All or nothing, as {@link Packing#unpack}: the
   * arrays are written only once every part has arrived; if one cannot, the failure is thrown
   * (the call's own exception instead, if it threw one, with the failure suppressed).
   */
  static Object receive(Reply reply, LentArrays lent) throws Exception {
    Object[] parts = reply.parts();
    int writes = parts.length - 1;
    Object[] values;
    try {
      values =
          Elements.unpack(
              parts,
              new Object[parts.length],
              (i, packed) -> {
                Object value = Packing.unpack(packed, lent);
                if (i < writes && reply.indices()[i] >= 0) {
                  checkStorable(lent.get(reply.slots()[i]), packed, value);
                }
                return value;
              });
    } catch (RuntimeException failure) {
      if (reply.thrown() == null) {
        throw failure;
      }
      reply.thrown().addSuppressed(failure);
      throw reply.thrown();
    }
    for (int i = 0; i < writes; i++) {
      Object into = lent.get(reply.slots()[i]);
      int index = reply.indices()[i];
      if (index < 0) {
        Copies.restore(into, values[i]);
      } else {
        ((Object[]) into)[index] = values[i];
      }
    }
    if (reply.thrown() != null) {
      throw reply.thrown();
    }
    return values[writes];
  }

  /**
   * Refuses (releasing it) a value the caller's array cannot hold, before any array is written.
   * Packing checks proxies against the component type; this catches a {@code Sharer} whose
   * {@code unshare} returns another type.
   */
  private static void checkStorable(Object array, Object packed, Object value) {
    Class<?> component = array.getClass().getComponentType();
    if (value != null && !component.isInstance(value)) {
      Undelivered.release(packed, value);
      throw new ArrayStoreException(
          "cannot copy a " + value.getClass().getName() + " back into the caller's "
              + array.getClass().getTypeName());
    }
  }

  /** Releases a reply nobody will receive. Any thread. */
  static void discard(Reply reply) {
    for (Object p : reply.parts()) {
      Packing.discard(p);
    }
  }
}
