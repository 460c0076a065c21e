package org.crossinterp.proxygen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.crossinterp.proxygen.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cache makes each value once, anchors it where it pins no one, and forgets unused ones. */
class ProxyCacheTest {
  private static final ClassLoader APP = ProxyCacheTest.class.getClassLoader();

  /** A value standing for a generated class, as a ProxyClass does. */
  record Value(Class<?> type, int serial) {}

  private static Class<?> iface(String name, ClassLoader parent) {
    return new ByteBuddy().makeInterface().name(name).make()
        .load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
  }

  @Test
  void theAnchorIsTheClassWhoseLoaderSeesAllOthers() {
    // JDK types only: proxy-gen's own loader is the most specific.
    assertSame(ProxyCache.class, ProxyCache.anchor(List.of(Object.class, Runnable.class)));
    Class<?> child = iface("org.crossinterp.test.Child", APP);
    assertSame(child, ProxyCache.anchor(List.of(Object.class, Runnable.class, child)));
    Class<?> grandChild = iface("org.crossinterp.test.GrandChild", child.getClassLoader());
    assertSame(grandChild, ProxyCache.anchor(List.of(child, grandChild, Runnable.class)));
    // A loader whose parent is the boot loader does not see proxy-gen: nobody sees everyone.
    Class<?> orphan = iface("org.crossinterp.test.Orphan", null);
    assertNull(ProxyCache.anchor(List.of(Object.class, orphan)));
    Class<?> sibling = iface("org.crossinterp.test.Sibling", APP);
    assertNull(ProxyCache.anchor(List.of(child, sibling)));
  }

  @Test
  @Timeout(60)
  void concurrentFirstRequestsMakeTheValueOnceOnBothPaths() throws Exception {
    Class<?> child = iface("org.crossinterp.test.Once", APP);
    Class<?> orphan = iface("org.crossinterp.test.OnceOrphan", null);
    for (List<Class<?>> key : List.of(List.<Class<?>>of(Object.class, child),
        List.<Class<?>>of(Object.class, orphan))) {
      ProxyCache<Value> cache = new ProxyCache<>(Value::type);
      AtomicInteger made = new AtomicInteger();
      int threads = 16;
      Set<Thread> requesters = ConcurrentHashMap.newKeySet();
      AtomicInteger returned = new AtomicInteger();
      Function<List<Class<?>>, Value> make = k -> {
        int n = made.incrementAndGet();
        // Keep the window open until every other request waits in the cache for this maker; a
        // second maker, or a request that returns meanwhile, ends the wait (the asserts judge).
        TestSupport.await(
            () -> waitingIn(requesters, "ProxyCache.get") + " of " + (threads - 1)
                + " other requests wait in the cache for the maker",
            () -> made.get() > 1 || returned.get() > 0
                || waitingIn(requesters, "ProxyCache.get") == threads - 1);
        return new Value(k.get(1), n);
      };
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Value>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        for (int t = 0; t < threads; t++) {
          results.add(pool.submit(() -> {
            requesters.add(Thread.currentThread());
            start.await();
            try {
              return cache.get(new ArrayList<>(key), make);
            } finally {
              returned.incrementAndGet();
            }
          }));
        }
        start.countDown();
        for (Future<Value> r : results) {
          assertSame(results.get(0).get(), r.get());
        }
      }
      assertEquals(1, made.get(), "made once for " + key);
    }
  }

  @Test
  void aFailedMakeIsNotCached() {
    ProxyCache<Value> cache = new ProxyCache<>(Value::type);
    Class<?> orphan = iface("org.crossinterp.test.Fails", null);
    for (List<Class<?>> key : List.of(List.<Class<?>>of(Runnable.class), List.<Class<?>>of(orphan))) {
      AtomicInteger attempts = new AtomicInteger();
      for (int k = 0; k < 2; k++) {
        assertThrows(IllegalStateException.class, () -> cache.get(key, x -> {
          attempts.incrementAndGet();
          throw new IllegalStateException("no");
        }));
      }
      assertEquals(2, attempts.get());
      Value v = cache.get(key, x -> new Value(x.get(0), 1));
      assertSame(v, cache.get(key, x -> new Value(x.get(0), 2)));
    }
  }

  @Test
  void anUnrelatedLoadersValueLivesAsLongAsItsClassAndItsEntryIsThenDropped() throws Exception {
    ProxyCache<Value> cache = new ProxyCache<>(Value::type);
    Class<?> held = iface("org.crossinterp.test.Held", null);
    Value first = cache.get(List.of(held), k -> new Value(k.get(0), 1));
    System.gc();
    assertSame(first, cache.get(List.of(held), k -> new Value(k.get(0), 2)),
        "the class is alive, so its value is too");

    WeakReference<ClassLoader> loader = fillAndDrop(cache);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while ((loader.get() != null || cache.unrelatedSize() > 1) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "the unrelated loader was collected");
    assertEquals(1, cache.unrelatedSize(), "only the entry of the held class is left");
  }

  private static WeakReference<ClassLoader> fillAndDrop(ProxyCache<Value> cache) {
    Class<?> dropped = iface("org.crossinterp.test.Dropped", null);
    cache.get(List.of(dropped), k -> new Value(k.get(0), 1));
    assertEquals(2, cache.unrelatedSize());
    return new WeakReference<>(dropped.getClassLoader());
  }

  /** How many of {@code threads} but the calling one wait with {@code frame} on their stack. */
  private static int waitingIn(Set<Thread> threads, String frame) {
    int n = 0;
    for (Thread t : threads) {
      if (t != Thread.currentThread() && TestSupport.isWaitingIn(t, frame)) {
        n++;
      }
    }
    return n;
  }
}
