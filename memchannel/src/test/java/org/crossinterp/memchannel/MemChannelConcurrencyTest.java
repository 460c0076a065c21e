package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.TAG;
import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.await;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many producers and consumers in many interpreters, over every kind of channel: each item
 * (tagged with its id) is delivered exactly once, every exporter sees one release per acquire,
 * and nothing stays pinned.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemChannelConcurrencyTest {
  private static final int PRODUCERS = 6;
  private static final int CONSUMERS = 6;
  private static final int PER_PRODUCER = 300;

  private final List<Interpreter> producerSide = new ArrayList<>();
  private final List<Interpreter> consumerSide = new ArrayList<>();
  private final List<CountingExporter> exporters = new CopyOnWriteArrayList<>();
  private final List<SharedBuffer> buffers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void interpreters() {
    for (int i = 0; i < 4; i++) {
      producerSide.add(Interpreter.create("producer-side-" + i));
      consumerSide.add(Interpreter.create("consumer-side-" + i));
    }
    producerSide.add(Interpreter.builder().name("producer-dedicated").dedicatedThread(true).build());
  }

  @AfterEach
  void closeInterpreters() {
    producerSide.forEach(Interpreter::close);
    consumerSide.forEach(Interpreter::close);
  }

  static Stream<Arguments> channels() {
    return Stream.of(
        Arguments.of("unbounded", (Supplier<MemChannel>) MemChannel::create),
        Arguments.of("bounded(1)", (Supplier<MemChannel>) () -> MemChannel.create(1)),
        Arguments.of("bounded(8)", (Supplier<MemChannel>) () -> MemChannel.create(8)),
        Arguments.of("rendezvous", (Supplier<MemChannel>) () -> MemChannel.create(0)));
  }

  private static <T> T any(List<T> list) {
    return list.get(ThreadLocalRandom.current().nextInt(list.size()));
  }

  /** An item of a kind chosen by its id, carrying the id in its first 8 bytes. */
  private Object item(long id) {
    return switch ((int) (id % 5)) {
      case 0 -> tagged(id, 8).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
      case 1 -> ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, id);
      case 2 -> {
        CountingExporter e = new CountingExporter(id);
        exporters.add(e);
        yield e;
      }
      case 3 -> {
        SharedBuffer sb = SharedBuffer.allocate(8);
        sb.segment().set(TAG, 0, id);
        buffers.add(sb);
        yield sb;
      }
      default -> tagged(id, 24).asSlice(0, 12);
    };
  }

  /** Sends with one of the three send operations; retries the ones that may give up. */
  private void sendSomehow(MemChannel ch, Object item, long id) throws InterruptedException {
    switch ((int) (id % 3)) {
      case 0 -> ch.send(item);
      case 1 -> {
        while (!ch.send(item, Duration.ofMillis(1))) {
          Thread.onSpinWait();
        }
      }
      default -> {
        while (!ch.trySend(item)) {
          Thread.yield();
        }
      }
    }
  }

  private Started<Void> producer(MemChannel ch, int p) {
    return start(
        "producer-" + p,
        () -> {
          for (long i = 0; i < PER_PRODUCER; i++) {
            long id = (long) p * PER_PRODUCER + i;
            any(producerSide)
                .call(
                    () -> {
                      Object item = item(id);
                      sendSomehow(ch, item, id);
                      if (item instanceof SharedBuffer sb) {
                        sb.close(); // deferred until the receiver lets go
                      }
                      return null;
                    });
          }
          return null;
        });
  }

  /** Reads the id, makes and drops further views in a random order, in random interpreters. */
  private static long consume(CrossInterpreterView v, List<Interpreter> side) {
    long id = tagOf(v);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    List<CrossInterpreterView> views = new ArrayList<>(List.of(v));
    if (r.nextInt(3) == 0) {
      views.add(v.share());
      views.add(v.slice(0, Math.min(8, v.byteSize())));
      assertEquals(id, tagOf(views.get(1)));
    }
    java.util.Collections.shuffle(views);
    for (CrossInterpreterView x : views) {
      if (r.nextBoolean()) {
        any(side).run(x::release);
      } else {
        x.release();
      }
    }
    return id;
  }

  private Started<Void> consumer(MemChannel ch, int c, Set<Long> received, List<Long> duplicates) {
    return start(
        "consumer-" + c,
        () -> {
          try {
            if (c % 2 == 0) {
              // Stays inside one interpreter and waits there, releasing its lock meanwhile.
              Interpreter home = any(consumerSide);
              return home.call(
                  () -> {
                    for (; ; ) {
                      record(consume(ch.recv(), consumerSide), received, duplicates);
                    }
                  });
            }
            for (; ; ) {
              CrossInterpreterView v = any(consumerSide).call(() -> ch.recv(Duration.ofMillis(5)));
              if (v != null) {
                record(consume(v, consumerSide), received, duplicates);
              }
            }
          } catch (ChannelClosedException done) {
            return null;
          }
        });
  }

  private static void record(long id, Set<Long> received, List<Long> duplicates) {
    if (!received.add(id)) {
      duplicates.add(id);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("channels")
  void everyItemIsDeliveredExactlyOnce(String kind, Supplier<MemChannel> make) throws Exception {
    MemChannel ch = make.get();
    Set<Long> received = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = new CopyOnWriteArrayList<>();
    List<Started<Void>> consumers = new ArrayList<>();
    for (int c = 0; c < CONSUMERS; c++) {
      consumers.add(consumer(ch, c, received, duplicates));
    }
    List<Started<Void>> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      producers.add(producer(ch, p));
    }
    for (Started<Void> p : producers) {
      outcome(p);
    }
    ch.closeSend();
    for (Started<Void> c : consumers) {
      outcome(c);
    }

    assertEquals(List.of(), duplicates, kind + ": items delivered twice");
    int total = PRODUCERS * PER_PRODUCER;
    assertEquals(total, received.size(), kind + ": items lost");
    assertTrue(ch.isClosed());
    assertEquals(0, ch.size());
    for (CountingExporter e : exporters) {
      e.assertBalanced();
      assertTrue(e.acquires.get() >= 1);
      assertTrue(producerSide.containsAll(e.releasedIn), "released outside the sender");
    }
    for (SharedBuffer sb : buffers) {
      assertEquals(0, sb.exports());
      assertTrue(sb.isClosed());
    }
    assertNoLiveShares(producerSide.toArray(Interpreter[]::new));
    assertNoLiveShares(consumerSide.toArray(Interpreter[]::new));
  }

  @Test
  void closeNowRacingWithTrafficLosesNothing() throws Exception {
    for (int round = 0; round < 6; round++) {
      MemChannel ch = MemChannel.create(round % 3 == 0 ? 0 : round % 3 == 1 ? 4 : Integer.MAX_VALUE);
      Set<Long> sent = ConcurrentHashMap.newKeySet();
      Set<Long> refused = ConcurrentHashMap.newKeySet();
      Set<Long> received = ConcurrentHashMap.newKeySet();
      List<Long> duplicates = new CopyOnWriteArrayList<>();
      List<Started<Void>> threads = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        int pp = p;
        threads.add(
            start(
                "racing-producer-" + p,
                () -> {
                  for (long i = 0; ; i++) {
                    long id = pp * 1_000_000L + i;
                    try {
                      any(producerSide).call(() -> {
                        ch.send(exporterFor(id));
                        return null;
                      });
                      sent.add(id);
                    } catch (ChannelClosedException closed) {
                      refused.add(id);
                      return null;
                    }
                  }
                }));
      }
      for (int c = 0; c < 3; c++) {
        threads.add(consumer(ch, 1 + 2 * c, received, duplicates));
      }
      // closeNow must meet traffic in full flow: every producer has had a send go through (its
      // first id is its first success) and the consumers are receiving.
      await(
          () -> "traffic before closeNow: sent " + sent.size() + ", received " + received.size(),
          () -> received.size() >= 8
              && sent.containsAll(List.of(0L, 1_000_000L, 2_000_000L, 3_000_000L)));
      List<CrossInterpreterView> left = any(consumerSide).call(ch::closeNow);
      for (Started<Void> t : threads) {
        outcome(t);
      }
      Set<Long> handedOver = new HashSet<>();
      for (CrossInterpreterView v : left) {
        assertTrue(handedOver.add(tagOf(v)));
        v.release();
      }
      assertEquals(List.of(), duplicates);
      Set<Long> arrived = new HashSet<>(received);
      for (Long id : handedOver) {
        assertTrue(arrived.add(id), "item both received and handed over by closeNow: " + id);
      }
      assertEquals(sent, arrived, "round " + round + ": every sent item arrives exactly once");
      for (Long id : refused) {
        assertTrue(!arrived.contains(id), "a refused send was delivered: " + id);
      }
      for (CountingExporter e : exporters) {
        e.assertBalanced();
      }
      assertNoLiveShares(producerSide.toArray(Interpreter[]::new));
    }
  }

  private CountingExporter exporterFor(long id) {
    MemorySegment s = Arena.ofAuto().allocate(8);
    s.set(TAG, 0, id);
    CountingExporter e = new CountingExporter(s);
    exporters.add(e);
    return e;
  }
}
