package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dispatcher lives in an instance field: one class, any number of independent proxies. */
public class InstanceFieldTest {

  @Test
  void theGeneratedClassHasNoStaticDispatcherFieldAndOneFinalInstanceField() {
    Class<?> type = ProxyFactory.standard().proxyClass(IntUnaryOperator.class).type();
    List<Field> dispatchers = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (Dispatcher.class.isAssignableFrom(f.getType())) {
        assertFalse(Modifier.isStatic(f.getModifiers()), f + " is static");
        dispatchers.add(f);
      }
    }
    assertEquals(1, dispatchers.size(), "one dispatcher field: " + dispatchers);
    assertTrue(Modifier.isFinal(dispatchers.get(0).getModifiers()));
    assertTrue(Modifier.isPrivate(dispatchers.get(0).getModifiers()));
    assertTrue(Modifier.isFinal(type.getModifiers()), "the proxy class cannot be subclassed");
    assertTrue(Modifier.isPublic(type.getModifiers()));
  }

  @Test
  void twoInstancesWithDifferentDispatchersRouteIndependently() {
    ProxyClass<IntUnaryOperator> pc = ProxyFactory.standard().proxyClass(IntUnaryOperator.class);
    List<Object> first = new ArrayList<>();
    List<Object> second = new ArrayList<>();
    IntUnaryOperator a = pc.newInstance((proxy, id, args) -> {
      first.add(proxy);
      return (Integer) args[0] + 1;
    });
    IntUnaryOperator b = pc.newInstance((proxy, id, args) -> {
      second.add(proxy);
      return (Integer) args[0] * 10;
    });
    assertSame(a.getClass(), b.getClass());
    for (int k = 0; k < 3; k++) {
      assertEquals(k + 1, a.applyAsInt(k));
      assertEquals(k * 10, b.applyAsInt(k));
    }
    assertEquals(List.of(a, a, a), first);
    assertEquals(List.of(b, b, b), second);
    assertNotSame(ProxyFactory.dispatcherOf(a), ProxyFactory.dispatcherOf(b));
  }

  @Test
  @Timeout(60)
  void manyThreadsCallManyProxiesOfOneClassWithoutCrossTalk() throws Exception {
    ProxyClass<IntUnaryOperator> pc = ProxyFactory.standard().proxyClass(IntUnaryOperator.class);
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int offset = t * 1000;
        results.add(pool.submit(() -> {
          IntUnaryOperator p = pc.newInstance((proxy, id, args) -> (Integer) args[0] + offset);
          start.await();
          for (int k = 0; k < 10_000; k++) {
            if (p.applyAsInt(k) != k + offset) {
              return false;
            }
          }
          return true;
        }));
      }
      start.countDown();
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    }
  }

  @Test
  void dispatcherOfAndIsProxyRecogniseProxies() {
    Dispatcher d = (proxy, id, args) -> 0;
    IntUnaryOperator p = ProxyFactory.standard().proxyClass(IntUnaryOperator.class).newInstance(d);
    assertTrue(ProxyFactory.isProxy(p));
    assertSame(d, ProxyFactory.dispatcherOf(p));
    assertFalse(ProxyFactory.isProxy(null));
    IntUnaryOperator notAProxy = x -> x;
    assertFalse(ProxyFactory.isProxy(notAProxy));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProxyFactory.dispatcherOf(notAProxy));
    assertTrue(e.getMessage().contains("not a generated proxy")
        && e.getMessage().contains("isProxy"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProxyFactory.dispatcherOf(null));
  }

  @Test
  void aNullDispatcherIsRefused() {
    ProxyClass<IntUnaryOperator> pc = ProxyFactory.standard().proxyClass(IntUnaryOperator.class);
    NullPointerException e = assertThrows(NullPointerException.class, () -> pc.newInstance(null));
    assertTrue(e.getMessage().contains("dispatcher"), e.getMessage());
  }

  @Test
  void proxyClassDescribesItself() {
    ProxyClass<IntUnaryOperator> pc = ProxyFactory.standard().proxyClass(IntUnaryOperator.class);
    assertEquals(List.of(IntUnaryOperator.class), pc.proxiedTypes());
    assertTrue(IntUnaryOperator.class.isAssignableFrom(pc.type()));
    assertTrue(GeneratedProxy.class.isAssignableFrom(pc.type()));
    assertThrows(UnsupportedOperationException.class, () -> pc.methods().clear());
    assertTrue(pc.toString().contains(pc.type().getName()), pc.toString());
  }
}
