package org.crossinterp.objchannel.internal;

import java.lang.ref.Reference;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.proxygen.Dispatcher;
import org.crossinterp.proxygen.Invoker;

/**
 * The receiver's side of one (object, receiving interpreter) pair: the dispatcher of the proxy.
 *
 * <p>It holds the one strong reference to the origin object that the origin counts in its
 * {@code liveShares()} (the seeds' export-table entry). It is reachable only through the proxy,
 * so reference cycles through proxies across interpreters are collected like any other garbage.
 * The local refcount starts at 1; when it drops to 0 ({@code Proxies.release}) or the proxy is
 * collected, the strong reference is dropped and a pending call in the origin uncounts the share
 * ({@link ProxyShare}, which the leak tracker tracks, and which deliberately does not reach the
 * object).
 */
public final class ProxyState implements Dispatcher {
  private final Domain origin;
  private final Domain receiver;
  private final ProxyType type;
  private final Invoker invoker;
  private final ProxyShare share;
  private volatile Object target;
  private int count = 1;

  ProxyState(Domain origin, Domain receiver, Object target, ProxyType type) {
    this.origin = origin;
    this.receiver = receiver;
    this.target = target;
    this.type = type;
    this.invoker = type.invoker();
    this.share = new ProxyShare(origin, receiver, target);
  }

  /**
   * Starts tracking the share for {@code proxy}, once it won its place in the identity cache (a
   * release by another thread that found it there first is disposed without the cleaner).
   */
  void track(Object proxy) {
    share.track(proxy);
  }

  /**
   * Its holder was handed the proxy to release (a receive, {@code Proxies.share}): from now on
   * dropping it is reported as a leak.
   */
  void held(String how) {
    share.held(how);
  }

  /** At PARANOID, records this call's site for a leak report; one field read otherwise. */
  private void touched(int methodId) {
    if (share.recordsTouches()) {
      share.touch(type.describe(methodId));
    }
  }

  /** The interpreter that owns the object. */
  public Domain origin() {
    return origin;
  }

  /** The interpreter this proxy was made for, or null for a proxy made by {@code share}. */
  public Domain receiver() {
    return receiver;
  }

  /** The object, or null once released. Only for code that will use it in the origin. */
  public Object target() {
    return target;
  }

  /** Adds a local reference if the proxy is still live; returns false if it was released. */
  synchronized boolean tryRetain() {
    if (count == 0) {
      return false;
    }
    count++;
    return true;
  }

  /** Adds a local reference. */
  public synchronized void retain() {
    if (count == 0) {
      throw released();
    }
    count++;
  }

  /**
   * Drops a local reference; the last one drops the strong reference and releases the share.
   *
   * @return the object if this was the last reference (so the caller can forget it), else null
   */
  public Object release() {
    Object t;
    synchronized (this) {
      if (count == 0) {
        throw released();
      }
      if (--count > 0) {
        return null;
      }
      t = target;
      target = null;
    }
    share.releaseByHolder();
    return t;
  }

  /** The local refcount. */
  public synchronized int refCount() {
    return count;
  }

  private IllegalStateException released() {
    return new IllegalStateException(
        "this proxy was released (its refcount reached 0); receive the object again, or"
            + " Proxies.retain() it before the last release");
  }

  @Override
  public Object dispatch(Object proxy, int methodId, Object[] args) throws Throwable {
    try {
      touched(methodId);
      Object t = target;
      if (t == null) {
        throw released();
      }
      Domain caller = Domain.current();
      if (caller == origin) {
        return invoker.invoke(t, methodId, args); // a proxy used at home: an ordinary call
      }
      origin.checkOpen();
      return new ProxyCall(t, methodId, args, invoker, type, caller, origin).run(origin);
    } finally {
      Reference.reachabilityFence(proxy);
    }
  }

  @Override
  public String toString() {
    return "proxy state of " + origin + " -> " + receiver + " (refs " + refCount() + ")";
  }
}
