package org.crossinterp;

/**
 * What a channel does with a queued item whose sending interpreter was closed before the item
 * was received (CPython 3.14's "unbound items").
 *
 * <p>Values that are not bound to any interpreter (immutable values sent as they are) are always
 * delivered, whatever the policy.
 */
public enum UnboundPolicy {
  /**
   * The item is delivered as usual (the default). Buffers stay readable: their memory is kept
   * alive until every view is released. Proxies of the closed interpreter's objects throw
   * {@link InterpreterClosedException} when called.
   */
  DELIVER,
  /**
   * Receiving the item throws {@link ItemInterpreterClosedException}; the item is consumed and
   * its share released, so the next receive gets the next item.
   */
  ERROR,
  /**
   * The item is dropped, and its share released, when its interpreter is closed; {@code size()}
   * drops accordingly.
   */
  REMOVE
}
