package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.crossinterp.proxygen.other.OtherPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A proxy class is generated once per type set and factory, however many threads ask at once. */
public class CachingTest {

  @Test
  void oneClassPerTypeSetWhateverTheOrderAndRepetitions() {
    ProxyFactory f = ProxyFactory.standard();
    ProxyClass<?> ab = f.proxyClass(List.of(IntSupplier.class, LongSupplier.class));
    assertSame(ab, f.proxyClass(List.of(LongSupplier.class, IntSupplier.class)));
    assertSame(ab, f.proxyClass(List.of(LongSupplier.class, IntSupplier.class, LongSupplier.class)));
    assertSame(f.proxyClass(IntSupplier.class), f.proxyClass(List.of(IntSupplier.class, IntSupplier.class)));
    assertNotSame(ab, f.proxyClass(IntSupplier.class));
    assertSame(ab, f.proxyClass(List.of(LongSupplier.class, Object.class, IntSupplier.class)),
        "naming Object changes nothing");
    assertSame(f.proxyClass(Object.class), f.proxyClass(List.of(Object.class, Object.class)));
    assertEquals(List.of(IntSupplier.class, LongSupplier.class), ab.proxiedTypes(),
        "interfaces in name order, whatever order they were given in");
  }

  @Test
  void theStandardFactoryAndLookupFactoriesHaveTheirOwnClasses() {
    ProxyClass<IntSupplier> standard = ProxyFactory.standard().proxyClass(IntSupplier.class);
    ProxyClass<IntSupplier> here = ProxyFactory.using(MethodHandles.lookup()).proxyClass(IntSupplier.class);
    ProxyClass<IntSupplier> there = ProxyFactory.using(OtherPackage.lookup()).proxyClass(IntSupplier.class);
    assertNotSame(standard, here);
    assertNotSame(here, there);
    assertEquals(getClass().getPackageName(), here.type().getPackageName());
    assertEquals(OtherPackage.class.getPackageName(), there.type().getPackageName());
    // Factories with the same lookup class share their classes.
    assertSame(here, ProxyFactory.using(MethodHandles.lookup()).proxyClass(IntSupplier.class));
    assertSame(here, ProxyFactory.using(MethodHandles.lookup().dropLookupMode(MethodHandles.Lookup.PRIVATE))
        .proxyClass(IntSupplier.class));
    assertEquals(7, here.newInstance((proxy, id, args) -> 7).getAsInt());
  }

  @Test
  @Timeout(120)
  void concurrentFirstRequestsGetTheIdenticalProxyClass() throws Exception {
    int threads = 16;
    for (int round = 0; round < 3; round++) {
      // A brand-new interface each round, so every request below is a first request.
      Class<?> fresh =
          TestSupport.throwawayInterface("org.crossinterp.test.Fresh", getClass().getClassLoader());
      List<Class<?>> types = List.of(fresh, Runnable.class);
      ProxyFactory inItsPackage =
          ProxyFactory.using(MethodHandles.privateLookupIn(fresh, MethodHandles.lookup()));
      for (ProxyFactory factory : List.of(ProxyFactory.standard(), inItsPackage)) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ProxyClass<?>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
          for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
              ready.countDown();
              start.await();
              return factory.proxyClass(types);
            }));
          }
          ready.await();
          start.countDown();
          ProxyClass<?> first = results.get(0).get();
          for (Future<ProxyClass<?>> r : results) {
            assertSame(first, r.get(), factory + " round " + round);
          }
          assertSame(first, factory.proxyClass(List.of(Runnable.class, fresh)));
        }
      }
    }
  }
}
