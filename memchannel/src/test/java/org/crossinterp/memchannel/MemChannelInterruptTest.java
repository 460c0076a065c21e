package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.failure;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An interrupted send sends nothing and an interrupted receive consumes nothing. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MemChannelInterruptTest {

  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 1})
  void anInterruptedSenderSendsNothing(int capacity) throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create(capacity);
      if (capacity > 0) {
        sendFrom(a, ch, tagged(1, 8));
      }
      for (boolean timed : new boolean[] {false, true}) {
        CountingExporter e = new CountingExporter(2);
        Started<Boolean> sender =
            start(
                "sender",
                () ->
                    a.call(
                        () -> {
                          if (timed) {
                            return ch.send(e, Duration.ofSeconds(60));
                          }
                          ch.send(e);
                          return true;
                        }));
        sender.awaitParked();
        sender.thread().interrupt();
        failure(sender, InterruptedException.class);
        e.assertBalanced();
        assertEquals(capacity, ch.size(), "the interrupted item stayed queued");
      }
      if (capacity > 0) {
        try (CrossInterpreterView v = ch.tryRecv()) {
          assertEquals(1, tagOf(v));
        }
      }
      assertNull(ch.tryRecv(), "an interrupted send was delivered");
      assertNoLiveShares(a);
    }
  }

  @Test
  void anInterruptedReceiverConsumesNothing() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      for (MemChannel ch : List.of(MemChannel.create(), MemChannel.create(0))) {
        Started<CrossInterpreterView> r1 = start("receiver", () -> recvIn(b, ch));
        Started<CrossInterpreterView> r2 =
            start("timed-receiver", () -> b.call(() -> ch.recv(Duration.ofSeconds(60))));
        r1.awaitParked();
        r2.awaitParked();
        r1.thread().interrupt();
        r2.thread().interrupt();
        failure(r1, InterruptedException.class);
        failure(r2, InterruptedException.class);
        Started<Void> sender =
            start(
                "sender",
                () -> {
                  sendFrom(a, ch, tagged(3, 8));
                  return null;
                });
        try (CrossInterpreterView v = recvIn(b, ch)) {
          assertEquals(3, tagOf(v), "the item went to an interrupted receiver");
        }
        outcome(sender);
      }
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void anInterruptedThreadStaysInterruptedAfterASuccessfulNonWaitingReceive() throws Exception {
    MemChannel ch = MemChannel.create();
    ch.send(tagged(4, 8));
    Thread.currentThread().interrupt();
    try (CrossInterpreterView v = ch.tryRecv()) {
      assertEquals(4, tagOf(v));
    } finally {
      assertTrue(Thread.interrupted(), "tryRecv swallowed the interrupt");
    }
  }

  /**
   * Senders and receivers interrupted at random: an item whose send returned is received
   * exactly once; an item whose send threw is never received; every export is released.
   */
  @ParameterizedTest(name = "capacity {0}")
  @ValueSource(ints = {0, 2, Integer.MAX_VALUE})
  void randomInterruptsLoseAndDuplicateNothing(int capacity) throws Exception {
    List<Interpreter> interps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      interps.add(Interpreter.create("interrupted-" + i));
    }
    try {
      MemChannel ch = MemChannel.create(capacity);
      Set<Long> sent = ConcurrentHashMap.newKeySet();
      Set<Long> notSent = ConcurrentHashMap.newKeySet();
      Set<Long> received = ConcurrentHashMap.newKeySet();
      List<Long> duplicates = new CopyOnWriteArrayList<>();
      List<CountingExporter> exporters = new CopyOnWriteArrayList<>();
      List<Thread> victims = new CopyOnWriteArrayList<>();
      List<Started<Void>> senders = new ArrayList<>();
      AtomicBoolean go = new AtomicBoolean(); // senders start once interrupts are flying
      for (int s = 0; s < 4; s++) {
        long base = s * 100_000L;
        Started<Void> st =
            start(
                "sender-" + s,
                () -> {
                  while (!go.get()) {
                    LockSupport.parkNanos(100_000);
                  }
                  for (long id = base; id < base + 250; id++) {
                    CountingExporter e = new CountingExporter(id);
                    exporters.add(e);
                    Interpreter in = interps.get((int) (id % interps.size()));
                    try {
                      long tag = id;
                      in.call(
                          () -> {
                            if (tag % 2 == 0) {
                              ch.send(e);
                            } else if (!ch.send(e, Duration.ofSeconds(60))) {
                              throw new AssertionError("timed out");
                            }
                            return null;
                          });
                      sent.add(id);
                    } catch (InterruptedException x) {
                      notSent.add(id);
                    }
                  }
                  Thread.interrupted();
                  return null;
                });
        victims.add(st.thread());
        senders.add(st);
      }
      List<Started<Void>> receivers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        int rr = r;
        Started<Void> st =
            start(
                "receiver-" + r,
                () -> {
                  for (; ; ) {
                    try {
                      Interpreter in = interps.get(rr);
                      CrossInterpreterView v =
                          in.call(() -> rr == 0 ? ch.recv(Duration.ofSeconds(60)) : ch.recv());
                      long id = tagOf(v);
                      v.release();
                      if (!received.add(id)) {
                        duplicates.add(id);
                      }
                    } catch (InterruptedException x) {
                      // nothing was consumed; try again
                    } catch (ChannelClosedException done) {
                      return null;
                    }
                  }
                });
        victims.add(st.thread());
        receivers.add(st);
      }
      AtomicBoolean chaos = new AtomicBoolean(true);
      Started<Integer> interrupter =
          start(
              "interrupter",
              () -> {
                int n = 0;
                while (chaos.get()) {
                  victims.get(ThreadLocalRandom.current().nextInt(victims.size())).interrupt();
                  if (++n == 20) {
                    go.set(true);
                  }
                  LockSupport.parkNanos(50_000);
                }
                return n;
              });
      for (Started<Void> s : senders) {
        outcome(s);
      }
      ch.closeSend();
      chaos.set(false);
      assertTrue(outcome(interrupter) >= 20);
      // Receivers interrupted from now on would only retry; the channel drains and closes.
      for (Started<Void> r : receivers) {
        outcome(r);
      }
      assertEquals(List.of(), duplicates, "received twice");
      assertEquals(sent, received, "sent items lost, or unsent items delivered");
      assertEquals(1000, sent.size() + notSent.size());
      for (CountingExporter e : exporters) {
        e.assertBalanced();
      }
      assertNoLiveShares(interps.toArray(Interpreter[]::new));
    } finally {
      interps.forEach(Interpreter::close);
    }
  }
}
