package org.crossinterp.objchannel.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.ResumableTask;
import org.crossinterp.internal.interp.Domains;
import org.crossinterp.proxygen.NotProxyableException;
import org.crossinterp.proxygen.ProxyFactory;

/**
 * Rule 3 of the sharing protocol: proxy classes per object class, and the identity of proxies:
 * in one receiving interpreter the same origin object always arrives as the same proxy while
 * that proxy lives. One Caffeine cache per route (receiving interpreter, origin interpreter),
 * weak keys (the origin object, compared by identity, not kept alive by the cache) and weak
 * values (the proxy, so that an unreachable proxy is collected and its share released by the
 * leak tracker's cleaner).
 *
 * <p>No user code runs while the cache is updated: a proxy class may extend a user class whose
 * constructor does anything, so proxies are made outside the map's compute and put in with
 * {@code putIfAbsent}/{@code replace}.
 */
public final class ProxyRegistry {
  /**
   * Whose proxies a cache holds: those made for {@code receiver} (null: made by {@code
   * Proxies.share}, for any interpreter) of objects owned by {@code origin}. Keying by the
   * origin too keeps an object reachable from two interpreters from arriving as a proxy of the
   * wrong owner.
   */
  private record Route(Domain receiver, Domain origin) {}

  private static final Map<Route, Cache<Object, Object>> IDENTITY = new ConcurrentHashMap<>();

  private static final ClassValue<Object> PROXY_CLASSES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> c) {
          try {
            // every interface the standard factory can use: public ones of exported packages,
            // and non-public ones of one package proxy-gen may define a class in
            List<Class<?>> interfaces = ProxyFactory.proxyableInterfaces(c);
            return new ProxyType(
                interfaces.isEmpty()
                    ? ProxyFactory.standard().proxyClass(c)
                    : AbstractBase.proxyClass(c, interfaces));
          } catch (NotProxyableException e) {
            return e;
          }
        }
      };

  static {
    // the caches of a closed interpreter (as receiver or owner) will never be looked up again
    Domains.onClose(
        closed -> IDENTITY.keySet().removeIf(r -> r.receiver() == closed || r.origin() == closed));
  }

  private ProxyRegistry() {}

  private static Cache<Object, Object> newCache() {
    return Caffeine.newBuilder().weakKeys().weakValues().build();
  }

  /**
   * The proxy class for objects of {@code c}: through its public interfaces, else by subclassing.
   *
   * @throws NotShareableException naming the type, why, and the fix
   */
  static ProxyType proxyTypeFor(Class<?> c) {
    Object pc = PROXY_CLASSES.get(c);
    if (pc instanceof ProxyType p) {
      return p;
    }
    String record = Immutability.recordProblem(c);
    throw new NotShareableException(
        c.getName()
            + " cannot cross to another interpreter: it is not immutable"
            + (record == null ? "" : " (" + record + ")")
            + ", no Sharer is registered for it, and it cannot be proxied ("
            + ((NotProxyableException) pc).getMessage()
            + "). Fix: implement a public interface (it is then proxied), register a Sharer with"
            + " Shareables.register, or make it a record of immutable components",
        (Throwable) pc);
  }

  /**
   * What {@code receiver} gets for a {@link Item.ProxyRef}: the same live proxy as before (its
   * refcount + 1, and the in-flight share dropped, since the pair holds one already), or a new
   * proxy that takes over the in-flight share.
   *
   * <p>If no proxy can be made (the proxy class's constructor, which runs the proxied class's
   * no-argument constructor, throws), the in-flight share is released before the failure
   * propagates: nothing else would ever release it.
   *
   * @param receiver the receiving interpreter, or null for a proxy usable from any interpreter
   */
  static Object proxyFor(Item.ProxyRef ref, Domain receiver) {
    boolean handedOver = false;
    try {
      Object proxy = liveOrNewProxy(ref, receiver);
      handedOver = true;
      return proxy;
    } finally {
      if (!handedOver) {
        Packing.discard(ref);
      }
    }
  }

  /** {@link #proxyFor} once the in-flight share is sure to be taken over or released. */
  private static Object liveOrNewProxy(Item.ProxyRef ref, Domain receiver) {
    Route route = new Route(receiver, ref.origin());
    ConcurrentMap<Object, Object> cache =
        IDENTITY.computeIfAbsent(route, r -> newCache()).asMap();
    Object target = ref.target();
    for (; ; ) {
      Object existing = cache.get(target);
      if (existing != null && stateOf(existing) instanceof ProxyState s && s.tryRetain()) {
        ref.origin().runPending((ResumableTask) ref.origin()::shareReleased); // the pair holds its share already
        return existing;
      }
      ProxyState state = new ProxyState(ref.origin(), receiver, target, ref.type());
      Object proxy = ref.type().proxyClass().newInstance(state);
      boolean won =
          existing == null
              ? cache.putIfAbsent(target, proxy) == null
              : cache.replace(target, existing, proxy);
      if (won) {
        state.track(proxy); // from now on the proxy owns the in-flight share
        return proxy;
      }
      // another thread put a proxy first: use that one (the loser was never published)
    }
  }

  /** Forgets the identity of a proxy whose last local reference was released. */
  static void forget(ProxyState state, Object target, Object proxy) {
    Cache<Object, Object> cache = IDENTITY.get(new Route(state.receiver(), state.origin()));
    if (cache != null) {
      cache.asMap().remove(target, proxy); // identity comparison: weak values
    }
  }

  /** The proxy state behind {@code o}, or null if {@code o} is not one of our proxies. */
  public static ProxyState stateOf(Object o) {
    return ProxyFactory.isProxy(o) && ProxyFactory.dispatcherOf(o) instanceof ProxyState s ? s : null;
  }
}
