package org.crossinterp.proxygen.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One value (a proxy class) per key (the classes it is made from), made once, found again without
 * locking, and never the reason a class loader stays alive. Thread-safe.
 *
 * <p><b>Why not a map keyed by class loader.</b> A generated class references every class of its
 * key, so a value held strongly anywhere pins their loaders. {@link ClassValue} avoids that: the
 * map of values hangs off one class of the key (the <i>anchor</i>) and dies with it. That is only
 * safe when the anchor's loader already keeps every other loader involved alive — when each of
 * them is the anchor's loader or one of its parents. So the anchor is the key class whose loader
 * is the most specific; the candidates include this class, since every proxy references
 * proxy-gen's own types, and the lookup class, whose loader defines lookup-made proxies. A first
 * version anchored on the first interface by name: proxying {@code Runnable} together with an
 * interface of a plug-in loader then pinned the plug-in through {@code Runnable}'s map forever.
 *
 * <p><b>Unrelated loaders.</b> When no loader delegates to all the others (siblings), no class can
 * hold the value strongly without pinning someone else's loader. Such values live in a map with
 * weak keys and weak values; the generated class holds its own value strongly (through a second
 * {@code ClassValue}), so the entry lives exactly as long as the proxy class. Once no proxy of it
 * is reachable, the class may be collected and is made again on the next request.
 *
 * @param <V> the cached value
 */
public final class ProxyCache<V> {
  private final Function<V, Class<?>> classOf;
  private final ClassValue<Map<List<Class<?>>, V>> byAnchor =
      new ClassValue<>() {
        @Override
        protected Map<List<Class<?>>, V> computeValue(Class<?> anchor) {
          return new ConcurrentHashMap<>();
        }
      };
  private final ClassValue<AtomicReference<Object>> ownValue =
      new ClassValue<>() {
        @Override
        protected AtomicReference<Object> computeValue(Class<?> generated) {
          return new AtomicReference<>();
        }
      };
  private final Map<WeakKey, ValueRef<V>> unrelated = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> stale = new ReferenceQueue<>();
  private final ReentrantLock making = new ReentrantLock();

  /**
   * Creates an empty cache.
   *
   * @param classOf the generated class a value stands for (it keeps the value alive)
   */
  public ProxyCache(Function<V, Class<?>> classOf) {
    this.classOf = classOf;
  }

  /**
   * The value for {@code key}, made with {@code make} if absent. Concurrent first requests for one
   * key make it once; the others wait and get the same value. If {@code make} throws, nothing is
   * cached and the exception reaches the caller.
   *
   * @param key the classes the value is made from, in a canonical order, no nulls
   * @param make makes the value
   * @return the cached value
   */
  public V get(List<Class<?>> key, Function<List<Class<?>>, V> make) {
    Class<?> anchor = anchor(key);
    if (anchor != null) {
      Map<List<Class<?>>, V> values = byAnchor.get(anchor);
      V v = values.get(key);
      return v != null ? v : values.computeIfAbsent(List.copyOf(key), make);
    }
    return getUnrelated(key, make);
  }

  private V getUnrelated(List<Class<?>> key, Function<List<Class<?>>, V> make) {
    expungeStale();
    WeakKey probe = new WeakKey(key, null);
    V v = valueOf(unrelated.get(probe));
    if (v != null) {
      return v;
    }
    making.lock();
    try {
      v = valueOf(unrelated.get(probe));
      if (v == null) {
        v = make.apply(List.copyOf(key));
        ownValue.get(classOf.apply(v)).set(v);
        WeakKey k = new WeakKey(key, stale);
        unrelated.put(k, new ValueRef<>(v, stale, k));
      }
      return v;
    } finally {
      making.unlock();
    }
  }

  /** The number of entries for unrelated loaders still held; for tests. */
  int unrelatedSize() {
    expungeStale();
    return unrelated.size();
  }

  private static <V> V valueOf(ValueRef<V> ref) {
    return ref == null ? null : ref.get();
  }

  private void expungeStale() {
    for (Object r; (r = stale.poll()) != null; ) {
      if (r instanceof ClassRef c) {
        unrelated.remove(c.owner);
      } else if (r instanceof ValueRef<?> v) {
        unrelated.remove(v.owner, v);
      }
    }
  }

  /**
   * The class of {@code key} (or this class) whose loader is, or delegates through its parents
   * to, the loader of every other; null if there is none.
   */
  static Class<?> anchor(List<Class<?>> key) {
    // Index loops without allocation: this runs on every request, hits included.
    int n = key.size();
    for (int i = 0; i <= n; i++) {
      ClassLoader loader = loaderOf(key, i);
      boolean seesAll = true;
      for (int j = 0; j <= n && seesAll; j++) {
        seesAll = j == i || isSelfOrParent(loaderOf(key, j), loader);
      }
      if (seesAll) {
        return i < n ? key.get(i) : ProxyCache.class;
      }
    }
    return null;
  }

  private static ClassLoader loaderOf(List<Class<?>> key, int i) {
    return (i < key.size() ? key.get(i) : ProxyCache.class).getClassLoader();
  }

  private static boolean isSelfOrParent(ClassLoader ancestor, ClassLoader loader) {
    if (ancestor == null) {
      return true; // the boot loader is everyone's last parent
    }
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** A key that holds its classes weakly; equal to another with the same live classes. */
  private static final class WeakKey {
    private final ClassRef[] classes;
    private final int hash;

    WeakKey(List<Class<?>> key, ReferenceQueue<Object> queue) {
      classes = new ClassRef[key.size()];
      int h = 1;
      for (int i = 0; i < classes.length; i++) {
        classes[i] = new ClassRef(key.get(i), queue, this);
        h = 31 * h + System.identityHashCode(key.get(i));
      }
      hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof WeakKey k) || k.hash != hash || k.classes.length != classes.length) {
        return false;
      }
      for (int i = 0; i < classes.length; i++) {
        Class<?> c = classes[i].get();
        if (c == null || c != k.classes[i].get()) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class ClassRef extends WeakReference<Class<?>> {
    final WeakKey owner;

    ClassRef(Class<?> c, ReferenceQueue<Object> queue, WeakKey owner) {
      super(c, queue);
      this.owner = owner;
    }
  }

  private static final class ValueRef<V> extends WeakReference<V> {
    final WeakKey owner;

    ValueRef(V v, ReferenceQueue<Object> queue, WeakKey owner) {
      super(v, queue);
      this.owner = owner;
    }
  }
}
