package org.crossinterp.objchannel.internal;

/**
 * Packing or unpacking several parts at once (the elements of an array, the arguments of a
 * call, the items of a {@code closeNow}, what a call sends back), all or nothing: if one part
 * fails, what the parts before it took is given back and the parts after it are discarded, so
 * the failure propagates with no share pinned and nothing half-delivered.
 */
final class Elements {
  private Elements() {}

  /**
   * Packs or unpacks one part. A step that fails leaves nothing behind of its own part ({@link
   * Packing#pack} and {@link Packing#unpack} both guarantee it).
   */
  @FunctionalInterface
  interface Step {
    /**
     * Crosses part {@code index}.
     *
     * @param index its position
     * @param part the part as it is on this side
     * @return the part as it is on the other side
     */
    Object apply(int index, Object part);
  }

  /**
   * Sets {@code packed[i] = pack(i, values[i])} for each part. {@code values} and {@code packed}
   * may be the same array. On failure the parts packed before are discarded.
   *
   * @return {@code packed}
   */
  static Object[] pack(Object[] values, Object[] packed, Step pack) {
    for (int i = 0; i < values.length; i++) {
      try {
        packed[i] = pack.apply(i, values[i]);
      } catch (RuntimeException | Error e) {
        for (int k = 0; k < i; k++) {
          Packing.discard(packed[k]);
        }
        throw e;
      }
    }
    return packed;
  }

  /**
   * Sets {@code values[i] = unpack(i, packed[i])} for each part, into another array: the packed
   * forms say what each value took over, should a later part fail. On failure the values
   * unpacked before are taken back and the packed parts after the failed one discarded.
   *
   * @return {@code values}
   */
  static Object[] unpack(Object[] packed, Object[] values, Step unpack) {
    for (int i = 0; i < packed.length; i++) {
      try {
        values[i] = unpack.apply(i, packed[i]);
      } catch (RuntimeException | Error e) {
        for (int k = 0; k < i; k++) {
          Undelivered.release(packed[k], values[k]);
        }
        for (int k = i + 1; k < packed.length; k++) {
          Packing.discard(packed[k]);
        }
        throw e;
      }
    }
    return values;
  }
}
