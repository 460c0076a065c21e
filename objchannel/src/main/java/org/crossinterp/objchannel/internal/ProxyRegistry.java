package org.crossinterp.objchannel.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.Domains;
import org.crossinterp.proxygen.NotProxyableException;
import org.crossinterp.proxygen.ProxyClass;
import org.crossinterp.proxygen.ProxyFactory;

/**
 * Rule 3 of the sharing protocol: proxy classes per object class, and the identity of proxies:
 * in one receiving interpreter the same origin object always arrives as the same proxy while
 * that proxy lives. One Caffeine cache per receiving interpreter, weak keys (the origin object,
 * compared by identity, not kept alive by the cache) and weak values (the proxy).
 */
public final class ProxyRegistry {
  private static final Cleaner CLEANER =
      Cleaner.create(r -> Thread.ofPlatform().daemon(true).name("crossinterp-proxy-cleaner").unstarted(r));
  private static final Map<Domain, Cache<Object, Object>> IDENTITY = new ConcurrentHashMap<>();
  /** For proxies made by {@code Proxies.share}, usable from any interpreter. */
  private static final Cache<Object, Object> SHARED = newCache();

  private static final ClassValue<Object> PROXY_CLASSES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> c) {
          try {
            var interfaces = ProxyFactory.proxyableInterfaces(c);
            return interfaces.isEmpty()
                ? ProxyFactory.standard().proxyClass(c)
                : ProxyFactory.standard().proxyClass(interfaces);
          } catch (NotProxyableException e) {
            return e;
          }
        }
      };

  static {
    Domains.onClose(IDENTITY::remove);
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
  static ProxyClass<?> proxyClassFor(Class<?> c) {
    Object pc = PROXY_CLASSES.get(c);
    if (pc instanceof ProxyClass<?> p) {
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
   */
  static Object proxyFor(Item.ProxyRef ref, Domain receiver) {
    Cache<Object, Object> cache =
        receiver == null ? SHARED : IDENTITY.computeIfAbsent(receiver, d -> newCache());
    Object[] made = new Object[1];
    Object proxy =
        cache
            .asMap()
            .compute(
                ref.target(),
                (target, existing) -> {
                  if (existing != null
                      && ProxyFactory.dispatcherOf(existing) instanceof ProxyState s
                      && s.tryRetain()) {
                    return existing;
                  }
                  ProxyState state =
                      new ProxyState(ref.origin(), receiver, target, ref.proxyClass().invoker());
                  Object p = ref.proxyClass().newInstance(state);
                  state.track(p, CLEANER);
                  made[0] = p;
                  return p;
                });
    if (made[0] == null) {
      ref.origin().runPending(ref.origin()::shareReleased); // the pair already holds its share
    }
    return proxy;
  }

  /** Forgets the identity of a proxy whose last local reference was released. */
  static void forget(ProxyState state, Object target, Object proxy) {
    Cache<Object, Object> cache = state.receiver() == null ? SHARED : IDENTITY.get(state.receiver());
    if (cache != null) {
      cache.asMap().remove(target, proxy);
    }
  }

  /** The proxy state behind {@code o}, or null if {@code o} is not one of our proxies. */
  public static ProxyState stateOf(Object o) {
    return ProxyFactory.isProxy(o) && ProxyFactory.dispatcherOf(o) instanceof ProxyState s ? s : null;
  }
}
