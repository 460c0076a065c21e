package org.crossinterp.objchannel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.proxygen.Invoker;

/**
 * One call through a proxy: the arguments packed in the caller, unpacked, invoked and the
 * result packed in the origin, the result unpacked in the caller. Arrays and buffers among the
 * arguments are copied in and restored ({@link LentArrays}, {@link CopyBack}); a call without
 * any crosses its result alone, and a call with only immutable arguments packs nothing.
 *
 * <p>Whoever gives up on a call releases what it holds exactly once: the caller releases the
 * arguments of a call that never started (the origin closed, or the caller was interrupted
 * while waiting for a dedicated thread, in which case the call will not run late either); a
 * call that finishes after its caller gave up releases its own reply.
 */
final class ProxyCall implements Callable<Object> {
  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int DONE = 2;
  private static final int ABANDONED = 3;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(ProxyCall.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object target;
  private final int methodId;
  private final Invoker invoker;
  private final ProxyType type;
  private final Domain caller;
  private final Object[] args; // packed
  private final LentArrays lent; // the caller's arrays and buffers; null when there are none
  private volatile int state;
  private Object packedReply; // written before DONE, read after seeing DONE

  /**
   * Packs the arguments in the caller, for {@code origin}; nothing is half-sent: if one cannot
   * cross, what was packed is released and the failure propagates.
   *
   * @param args the proxy's own fresh array of arguments (packed in place), or null
   */
  ProxyCall(
      Object target,
      int methodId,
      Object[] args,
      Invoker invoker,
      ProxyType type,
      Domain caller,
      Domain origin) {
    this.target = target;
    this.methodId = methodId;
    this.invoker = invoker;
    this.type = type;
    this.caller = caller;
    // immutable arguments cross as they are: a call with only such arguments packs nothing, so
    // it allocates nothing (not even the packing step)
    if (args == null || Packing.allAsIs(args)) {
      this.lent = null;
    } else {
      LentArrays lent = lendsArrays(args) ? new LentArrays() : null;
      this.lent = lent;
      Elements.pack(
          args,
          args,
          (i, arg) ->
              Packing.packAs(
                  arg,
                  type.parameterType(methodId, i),
                  origin,
                  lent,
                  k -> "argument " + (k + 1) + " of " + type.describe(methodId),
                  i));
      if (lent != null) {
        lent.endArguments();
      }
    }
    this.args = args;
  }

  /** Arrays nest only in arrays (anything holding one is mutable, so proxied): look at the top. */
  private static boolean lendsArrays(Object[] args) {
    for (Object a : args) {
      if (a != null && Copies.isCopied(a)) {
        return true;
      }
    }
    return false;
  }

  /** Runs the call in {@code origin} and returns its result as the caller gets it. */
  Object run(Domain origin) throws Exception {
    Object reply;
    boolean returned = false;
    try {
      reply = origin.call(this);
      returned = true;
    } finally {
      if (!returned) {
        abandon();
      }
    }
    return lent == null ? Packing.unpack(reply) : CopyBack.receive((CopyBack.Reply) reply, lent);
  }

  /** In the origin: unpack the arguments, invoke, pack the reply. */
  @Override
  public Object call() throws Exception {
    if (!STATE.compareAndSet(this, NEW, STARTED)) {
      throw new CancellationException("the caller gave up on this call before it started");
    }
    Object reply = lent == null ? callAndPack() : callAndCopyBack();
    packedReply = reply;
    if (!STATE.compareAndSet(this, STARTED, DONE)) {
      discard(reply); // the caller is gone: nobody will unpack it
    }
    return reply;
  }

  private Object callAndPack() throws Exception {
    Object result = invoke(Packing.unpackAll(args, null));
    if (Packing.crossesAsIs(result)) {
      return result; // without making the message supplier
    }
    return Packing.packAs(result, type.returnType(methodId), caller, null, this::resultOf, -1);
  }

  private CopyBack.Reply callAndCopyBack() throws Exception {
    LentArrays copies = new LentArrays();
    Object[] real = Packing.unpackAll(args, copies);
    copies.endArguments();
    Object[][] before = CopyBack.snapshot(copies);
    Object result = null;
    Exception thrown = null;
    try {
      result = invoke(real);
    } catch (Exception e) {
      thrown = e; // the arrays are restored all the same (Errors propagate at once)
    }
    return CopyBack.pack(copies, before, result, thrown, type, methodId, caller);
  }

  private Object invoke(Object[] real) throws Exception {
    try {
      return invoker.invoke(target, methodId, real);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable other) {
      throw new UndeclaredThrowableException(other);
    }
  }

  private String resultOf(int unused) {
    return "the result of " + type.describe(methodId);
  }

  /** Called by the caller when {@code origin.call} did not return a reply. */
  private void abandon() {
    int was = (int) STATE.getAndSet(this, ABANDONED);
    if (was == NEW && args != null) {
      for (Object a : args) {
        Packing.discard(a);
      }
    } else if (was == DONE) {
      discard(packedReply);
    }
  }

  private static void discard(Object reply) {
    if (reply instanceof CopyBack.Reply r) {
      CopyBack.discard(r);
    } else {
      Packing.discard(reply);
    }
  }
}
