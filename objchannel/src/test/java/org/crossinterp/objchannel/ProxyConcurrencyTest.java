package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.Counter;
import org.crossinterp.objchannel.Fixtures.PlainCounter;
import org.junit.jupiter.api.Test;

/** Many threads and interpreters through proxies: the owner's lock serialises every call. */
class ProxyConcurrencyTest extends ObjTestSupport {
  private static final int INTERPRETERS = 4;
  private static final int THREADS = 4;

  @Test
  void fourInterpretersTimesFourThreadsIncrementAPlainCounterExactly() throws Exception {
    Interpreter owner = interp("owner");
    List<Interpreter> users = new ArrayList<>();
    for (int i = 0; i < INTERPRETERS; i++) {
      users.add(i == 0 ? dedicated("user-0-dedicated") : interp("user-" + i));
    }
    ObjChannel ch = ObjChannel.create();
    PlainCounter counter = owner.call(PlainCounter::new);
    owner.call(
        () -> {
          for (int i = 0; i < INTERPRETERS; i++) {
            ch.send(counter);
          }
          return null;
        });
    List<Counter> proxies = new ArrayList<>();
    for (Interpreter u : users) {
      proxies.add(u.call(() -> ch.recv(Counter.class)));
    }
    assertEquals(INTERPRETERS, owner.liveShares());
    int perThread = 2_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(INTERPRETERS * THREADS)) {
      for (int i = 0; i < INTERPRETERS; i++) {
        Interpreter u = users.get(i);
        Counter c = proxies.get(i);
        for (int t = 0; t < THREADS; t++) {
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    return u.call(
                        () -> {
                          for (int k = 0; k < perThread; k++) {
                            c.increment();
                          }
                          return null;
                        });
                  }));
        }
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertEquals((long) INTERPRETERS * THREADS * perThread, counter.get());
    assertEquals(counter.get(), proxies.get(1).get());
    for (Counter c : proxies) {
      Proxies.release(c);
    }
    awaitGc(() -> owner.liveShares() == 0, () -> "left: " + owner.liveShares());
  }

  @Test
  void concurrentArrivalsOfOneObjectYieldOneProxyAndConcurrentReleasesUncountItOnce()
      throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    int n = 16;
    ObjChannel ch = ObjChannel.create();
    BoxImpl box = a.call(BoxImpl::new);
    a.call(
        () -> {
          for (int i = 0; i < n; i++) {
            ch.send(box);
          }
          return null;
        });
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Box>> got = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
      for (int i = 0; i < n; i++) {
        got.add(
            pool.submit(
                () -> {
                  start.await();
                  return b.call(() -> ch.recv(Box.class));
                }));
      }
      start.countDown();
      for (Future<Box> f : got) {
        seen.add(f.get());
      }
    }
    assertEquals(1, seen.size(), "one proxy for one object in one interpreter");
    Box p = got.get(0).get();
    assertEquals(n, Proxies.refCount(p));
    assertEquals(1, a.liveShares());
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
      List<Future<?>> releases = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        releases.add(
            pool.submit(
                () -> {
                  go.await();
                  b.run(() -> Proxies.release(p));
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : releases) {
        f.get();
      }
    }
    assertEquals(0, Proxies.refCount(p));
    assertEquals(0, a.liveShares());
  }

  @Test
  void arrivalsRacingTheLastReleaseNeverLoseOrDoubleCountAShare() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    BoxImpl box = a.call(BoxImpl::new);
    ObjChannel ch = ObjChannel.create();
    int rounds = 300;
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        all.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    int round = r;
                    a.call(
                        () -> {
                          ch.send(box);
                          return null;
                        });
                    b.call(
                        () -> {
                          Box p = ch.recv(Box.class);
                          p.set(round); // a released proxy would throw here
                          Proxies.release(p);
                          return null;
                        });
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get();
      }
    }
    assertEquals(0, ch.size());
    assertEquals(0, a.liveShares());
  }

  @Test
  void proxiesWorkFromVirtualThreadsOfManyInterpreters() throws Exception {
    Interpreter owner = interp("owner");
    PlainCounter counter = new PlainCounter();
    Counter shared = owner.call(() -> Proxies.share((Counter) counter, Counter.class));
    List<Interpreter> users = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      users.add(interp("v" + i));
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (Interpreter u : users) {
        for (int t = 0; t < 4; t++) {
          all.add(
              pool.submit(
                  () ->
                      u.call(
                          () -> {
                            for (int k = 0; k < 500; k++) {
                              shared.increment();
                            }
                            assertSame(u, Interpreter.current());
                            return null;
                          })));
        }
      }
      for (Future<?> f : all) {
        f.get();
      }
    }
    assertEquals(8 * 4 * 500, counter.get());
    Proxies.release(shared);
  }
}
