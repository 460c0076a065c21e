package org.crossinterp.objchannel.internal;

import org.crossinterp.internal.interp.Domain;

/** The operations behind {@code Proxies}. */
public final class ProxyOps {
  private ProxyOps() {}

  /** The state of {@code o}, or null if it is not one of our proxies. */
  public static ProxyState state(Object o) {
    return ProxyRegistry.stateOf(o);
  }

  /** The state of {@code proxy}, refusing anything else. */
  public static ProxyState require(Object proxy) {
    ProxyState s = state(proxy);
    if (s == null) {
      throw new IllegalArgumentException(
          (proxy == null ? "null" : proxy.getClass().getName())
              + " is not a cross-interpreter proxy; only objects received from another"
              + " interpreter (or made by Proxies.share) are");
    }
    return s;
  }

  /** Drops a local reference; the last one also forgets the proxy's identity. */
  public static void release(ProxyState s, Object proxy) {
    Object target = s.release();
    if (target != null) {
      ProxyRegistry.forget(s, target, proxy);
    }
  }

  /**
   * A proxy of {@code obj}, owned by {@code owner}, for use from any interpreter; the caller was
   * asked to release it, so dropping it is a leak.
   */
  public static Object share(Object obj, Domain owner) {
    ProxyState forwarded = state(obj);
    if (forwarded != null) {
      forwarded.retain();
      forwarded.held("shared");
      return obj;
    }
    var pc = ProxyRegistry.proxyTypeFor(obj.getClass());
    owner.shareAcquired();
    Object proxy = ProxyRegistry.proxyFor(new Item.ProxyRef(owner, obj, pc), null);
    HeldProxies.mark(proxy, "shared");
    return proxy;
  }
}
