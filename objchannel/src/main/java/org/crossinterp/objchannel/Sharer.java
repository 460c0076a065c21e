package org.crossinterp.objchannel;

/**
 * How values of one type cross to another interpreter by value (Eric Snow's {@code tp_share}):
 * {@link #share} turns a value into shareable data in the sending interpreter, {@link #unshare}
 * rebuilds an equal value from it in the receiving one. Register with {@link
 * Shareables#register}; the registry matches the exact class, as CPython's does.
 *
 * <p>The data must be shareable as is ({@link Shareables#isShareable}), so that nothing mutable
 * is aliased between interpreters. The {@code conformance-tests} kit checks a sharer against
 * these rules.
 *
 * @param <T> the type shared
 */
public interface Sharer<T> {
  /**
   * Turns {@code value} into shareable data. Runs in the sending interpreter, on the sending
   * thread.
   *
   * @param value the value sent; not null
   * @return data for which {@link Shareables#isShareable} is true
   */
  Object share(T value);

  /**
   * Rebuilds a value from the data. Runs in the receiving interpreter, on the receiving thread.
   *
   * @param data what {@link #share} returned
   * @return the value the receiver gets
   */
  T unshare(Object data);
}
