package org.crossinterp.objchannel.internal;

import java.lang.reflect.Array;
import java.nio.Buffer;
import java.util.function.IntFunction;
import org.crossinterp.internal.interp.Domain;

/**
 * Arrays and {@code java.nio} buffers cross as copies: they are mutable, so the receiver gets
 * its own, never the sender's. An array of objects is copied element by element, each element
 * crossing by the usual rules; a primitive array or a buffer is copied whole. The runtime type
 * is kept ({@code String[]} stays {@code String[]}).
 *
 * <p>In a proxy call each array and buffer also gets a slot ({@link LentArrays}), so that the
 * callee's writes can be copied back into the caller's own ({@link CopyBack}).
 */
final class Copies {
  private Copies() {}

  /** Whether {@code o} crosses as a copy: an array, or a buffer. */
  static boolean isCopied(Object o) {
    return o.getClass().isArray() || o instanceof Buffer;
  }

  /** Packs a copy of an array or buffer, or its slot if it crossed earlier in the same call. */
  static Item pack(Object o, Domain destination, LentArrays lent) {
    int slot = -1;
    if (lent != null) {
      int seen = lent.slotOf(o);
      if (seen >= 0) {
        return new Item.CopyRef(seen);
      }
      slot = lent.add(o); // before the elements: one of them may be this very array
    }
    Domain sender = Domain.current();
    if (o instanceof Object[] array) {
      Object[] elements = packElements(array, destination, lent);
      return new Item.ArrayCopy(array.getClass(), elements, sender, slot);
    }
    return new Item.PlainCopy(copyOf(o), sender, slot);
  }

  /**
   * Packs the elements into a snapshot (the sender may write to its array afterwards), each to
   * arrive as an instance of the component type; all or nothing.
   */
  private static Object[] packElements(Object[] array, Domain destination, LentArrays lent) {
    Class<?> component = array.getClass().getComponentType();
    IntFunction<String> what = i -> "element " + i + " of a " + array.getClass().getTypeName();
    return Elements.pack(
        array,
        new Object[array.length],
        (i, e) -> Packing.packAs(e, component, destination, lent, what, i));
  }

  /** A new array of the same type and contents, or a buffer copy ({@link Buffers#copy}). */
  static Object copyOf(Object arrayOrBuffer) {
    if (arrayOrBuffer instanceof Buffer b) {
      return Buffers.copy(b);
    }
    int length = Array.getLength(arrayOrBuffer);
    Object copy = Array.newInstance(arrayOrBuffer.getClass().getComponentType(), length);
    System.arraycopy(arrayOrBuffer, 0, copy, 0, length);
    return copy;
  }

  /** Unpacks an array of objects; all or nothing, as {@link Packing#unpack}. */
  static Object[] unpack(Item.ArrayCopy a, LentArrays lent) {
    Object[] packed = a.elements();
    Object[] out = (Object[]) Array.newInstance(a.type().getComponentType(), packed.length);
    if (a.slot() >= 0) {
      lent.put(a.slot(), out); // before the elements, as the sender numbered them
    }
    return Elements.unpack(packed, out, Packing.unpacking(lent));
  }

  /** Unpacks a primitive array or buffer: the copy made for the receiver. */
  static Object unpack(Item.PlainCopy c, LentArrays lent) {
    if (c.slot() >= 0) {
      lent.put(c.slot(), c.copy());
    }
    return c.copy();
  }

  /**
   * Makes {@code into} (a primitive array or buffer) hold what {@code from}, a copy of the same
   * type and size, holds.
   */
  static void restore(Object into, Object from) {
    if (into instanceof Buffer b) {
      Buffers.restore(b, (Buffer) from);
    } else {
      System.arraycopy(from, 0, into, 0, Array.getLength(into));
    }
  }
}
