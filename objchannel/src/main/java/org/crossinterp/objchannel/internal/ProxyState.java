package org.crossinterp.objchannel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.ResumableTask;
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
      Object[] sent = Packing.packArguments(args, type, methodId, origin);
      Call call = new Call(t, methodId, sent, caller);
      boolean returned = false;
      try {
        Object result = origin.call(call);
        returned = true;
        return Packing.unpack(result);
      } finally {
        if (!returned) {
          call.abandon();
        }
      }
    } finally {
      Reference.reachabilityFence(proxy);
    }
  }

  /**
   * One call, run in the origin: unpack the arguments there, invoke, pack the result. Whoever
   * gives up on it releases what it holds exactly once: the caller releases the arguments of a
   * call that never started (the origin closed, or the caller was interrupted while waiting for
   * a dedicated thread, in which case the call will not run late either); a call that finishes
   * after its caller gave up releases its own result.
   */
  private final class Call implements Callable<Object> {
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int DONE = 2;
    private static final int ABANDONED = 3;
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Call.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Object target;
    private final int methodId;
    private final Object[] args;
    private final Domain caller;
    private volatile int state;
    private Object packedResult; // written before DONE, read after seeing DONE

    Call(Object target, int methodId, Object[] args, Domain caller) {
      this.target = target;
      this.methodId = methodId;
      this.args = args;
      this.caller = caller;
    }

    @Override
    public Object call() throws Exception {
      if (!STATE.compareAndSet(this, NEW, STARTED)) {
        throw new CancellationException("the caller gave up on this call before it started");
      }
      Object[] real = Packing.unpackAll(args);
      Object result;
      try {
        result = invoker.invoke(target, methodId, real);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable other) {
        throw new UndeclaredThrowableException(other);
      }
      Object packed = Packing.packResult(result, type, methodId, caller);
      packedResult = packed;
      if (!STATE.compareAndSet(this, STARTED, DONE)) {
        Packing.discard(packed); // the caller is gone: nobody will unpack it
      }
      return packed;
    }

    /** Called by the caller when {@code origin.call} did not return a result. */
    void abandon() {
      int was = (int) STATE.getAndSet(this, ABANDONED);
      if (was == NEW && args != null) {
        for (Object a : args) {
          Packing.discard(a);
        }
      } else if (was == DONE) {
        Packing.discard(packedResult);
      }
    }
  }

  @Override
  public String toString() {
    return "proxy state of " + origin + " -> " + receiver + " (refs " + refCount() + ")";
  }
}
