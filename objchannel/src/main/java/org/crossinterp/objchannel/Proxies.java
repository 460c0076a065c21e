package org.crossinterp.objchannel;

import java.util.Objects;
import org.crossinterp.Interpreter;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.objchannel.internal.ProxyState;
import org.crossinterp.objchannel.internal.ProxyOps;

/**
 * Proxies (rule 3 of the sharing protocol, PEP 797's shared object proxies): what an interpreter
 * receives for an object that is neither immutable nor registered. A proxy implements the object's
 * public interfaces and, where it can, extends the object's nearest public abstract superclass that
 * declares methods of its own ({@code InputStream}, {@code OutputStream}, {@code Reader}, {@code
 * Writer}, {@code Number}; not a skeletal implementation such as {@code AbstractList}, which adds
 * nothing to its interfaces); an object without public interfaces is proxied by extending its
 * class. Every call switches to the owning interpreter, on the calling thread (on its own thread
 * for a dedicated-thread owner), and runs there; arguments and results cross by the same rules (a
 * proxy going home arrives as the original object, and a mutable argument becomes a proxy the other
 * way, so callbacks and listeners work); exceptions keep their type and instance; {@code equals},
 * {@code hashCode} and {@code toString} go to the original object. An argument or result that would
 * arrive as a proxy that is not an instance of the declared parameter or return type (a method
 * declared to return {@code Thread}, whose proxy would only be a {@code Runnable}) is refused with
 * {@code NotShareableException} before it crosses. A proxy of an object of a closed interpreter
 * throws {@code InterpreterClosedException}; a released one {@code IllegalStateException}.
 *
 * <p><b>Arrays passed as arguments are copied in and restored</b>: the callee works on its own copy
 * (no interpreter sees another's mutable memory), and when the call returns, or throws an
 * exception, the elements it wrote are copied back into the caller's own array, crossing by the
 * same rules (the caller's objects come home as themselves, the callee's mutable ones arrive as
 * proxies); elements it did not write are left alone. A result that is the callee's copy of an
 * argument array, at any depth, arrives as the caller's array, and an array passed twice is one
 * array in the callee. So out-parameter APIs work as on the object itself: {@code toArray(T[])}
 * fills and returns the caller's array, {@code InputStream.read(byte[])} delivers the bytes, an
 * {@code Arrays.sort}-style callee sorts the caller's array. The runtime type of every array is
 * kept ({@code String[]} stays {@code String[]}). The same holds for calls the other way
 * (callbacks). If copying back fails, no array of the caller is written to, nothing stays pinned,
 * and the call throws that failure (or its own exception, with the failure suppressed). A callee
 * that keeps an argument array keeps its own copy: later writes on either side are not seen by the
 * other.
 *
 * <p><b>Buffers</b> ({@code ByteBuffer} and the other {@code java.nio} buffers) are arguments like
 * arrays: a heap buffer is as mutable as its array, and a direct one is memory of the caller's. The
 * callee gets a copy of the whole buffer (all of its capacity, with its position, limit, mark and
 * byte order; direct if it was a direct {@code ByteBuffer}; read-only if it was), and after the
 * call the caller's buffer gets the contents (unless read-only) and the position, limit, mark and
 * byte order the callee left. So {@code ReadableByteChannel.read(ByteBuffer)} fills and advances
 * the caller's buffer, {@code WritableByteChannel.write(ByteBuffer)} advances it, and {@code
 * Reader.read(CharBuffer)} works, byte for byte as on the object itself. The price: each buffer
 * argument is copied whole on the way in and again on the way back. A buffer the callee returns is
 * the caller's own if it is the callee's copy of an argument; one it derived ({@code slice()},
 * {@code duplicate()}) arrives as a copy, not as a view of the caller's buffer.
 *
 * <p><b>Reference counting</b> (as the 2017 seeds describe): the owner holds one strong reference
 * per receiving interpreter, counted in its {@link Interpreter#liveShares()}; the proxy keeps a
 * local count, 1 on arrival, +1 each time the same object arrives again ({@link #retain} adds
 * one by hand). When the count reaches 0 ({@link #release}), or the proxy is garbage-collected,
 * a pending call in the owner drops the strong reference. A proxy has no {@code close()} of its
 * own: a proxied type's {@code close()} is an ordinary call to the owner.
 *
 * <p><b>Leaks</b>: a proxy its holder was handed to release (received from a channel, or made by
 * {@link #share}) and dropped without {@link #release} is released when collected and reported
 * by the {@link org.crossinterp.LeakDetector} as a {@code PROXY} leak, with where it was made
 * and, at {@code PARANOID}, the sites of its last calls. The proxies a call makes for its
 * arguments and results (a callback, an iterator) may be left to the collector: they are
 * released the same way, but are not leaks.
 *
 * <p><b>Identity</b>: in one receiving interpreter, the same object always arrives as the same
 * proxy ({@code ==}) while that proxy lives; sent on to a third interpreter, a proxy arrives as
 * a proxy of the original object (no chains); sent back to the owner, it arrives as the
 * original object.
 */
public final class Proxies {
  private Proxies() {}

  /**
   * Whether {@code o} is a cross-interpreter proxy.
   *
   * @param o any object
   * @return true for proxies made by objchannel
   */
  public static boolean isProxy(Object o) {
    return ProxyOps.state(o) != null;
  }

  /**
   * The interpreter that owns the object behind a proxy.
   *
   * @param proxy a proxy
   * @return its owner
   * @throws IllegalArgumentException if {@code proxy} is not a proxy
   */
  public static Interpreter owner(Object proxy) {
    return ProxyOps.require(proxy).origin().interpreter();
  }

  /**
   * Adds one to the proxy's local refcount. Any thread.
   *
   * @param proxy a live proxy
   * @throws IllegalArgumentException if {@code proxy} is not a proxy
   * @throws IllegalStateException if it was released already
   */
  public static void retain(Object proxy) {
    ProxyOps.require(proxy).retain();
  }

  /**
   * Drops one from the proxy's local refcount; at 0 the owner's strong reference is dropped (a
   * pending call in the owner, never a blocking wait) and the proxy stops working. Any thread.
   *
   * @param proxy a live proxy
   * @throws IllegalArgumentException if {@code proxy} is not a proxy
   * @throws IllegalStateException if it was released already
   */
  public static void release(Object proxy) {
    ProxyOps.release(ProxyOps.require(proxy), proxy);
  }

  /**
   * The proxy's local refcount (0 once released).
   *
   * @param proxy a proxy
   * @return the count
   */
  public static int refCount(Object proxy) {
    return ProxyOps.require(proxy).refCount();
  }

  /**
   * Makes a proxy of {@code obj}, owned by the calling thread's interpreter, without a channel
   * (PEP 797's {@code share}): hand it to tasks of other interpreters; their calls switch here.
   *
   * @param obj the object; it stays in this interpreter
   * @param type an interface {@code obj} implements (or its proxyable class)
   * @param <T> the type
   * @return a proxy with refcount 1, to be {@linkplain #release released} (dropping it is a leak)
   * @throws org.crossinterp.NotShareableException if {@code obj} cannot be proxied
   * @throws ClassCastException if the proxy would not be a {@code type}
   */
  public static <T> T share(T obj, Class<T> type) {
    Objects.requireNonNull(obj, "obj");
    Objects.requireNonNull(type, "type");
    Object proxy = ProxyOps.share(obj, Domain.current());
    if (!type.isInstance(proxy)) {
      ProxyState s = ProxyOps.state(proxy);
      if (s != null) {
        ProxyOps.release(s, proxy);
      }
      throw new ClassCastException(
          "a proxy of " + obj.getClass().getName() + " implements "
              + java.util.Arrays.toString(proxy.getClass().getInterfaces())
              + ", not " + type.getName() + "; ask for one of its public interfaces");
    }
    return type.cast(proxy);
  }
}
