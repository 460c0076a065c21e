package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Channel;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.Interpreter;
import org.crossinterp.ItemInterpreterClosedException;
import org.crossinterp.UnboundPolicy;
import org.junit.jupiter.api.Test;

/**
 * The conformance verification of a channel: extend it with factory methods for your channel
 * and its items, and JUnit runs every rule of {@link ChannelRules}. crossinterp runs it against
 * {@code MemChannel} and {@code ObjChannel}; a future channel kind passes it too.
 *
 * @param <C> the channel type
 */
public abstract class ChannelVerification<C extends Channel<Object, ?>> extends VerificationSupport
    implements ChannelRules {

  /** Creates the verification. */
  protected ChannelVerification() {}

  /**
   * A new channel.
   *
   * @param capacity {@link Integer#MAX_VALUE} for unbounded, 0 for rendezvous; negative must be
   *     refused with {@link IllegalArgumentException}
   * @return the channel
   */
  protected abstract C createChannel(int capacity);

  /**
   * A new channel with an unbound-item policy, for the optional rule 2.31; the default skips it.
   *
   * @param capacity as {@link #createChannel(int)}
   * @param policy the policy
   * @return the channel
   */
  protected C createChannel(int capacity, UnboundPolicy policy) {
    optional("override createChannel(capacity, policy) to check unbound-item policies");
    return null;
  }

  /**
   * Item number {@code n}, to send. Called in the sending interpreter.
   *
   * @param n the number
   * @return the item
   */
  protected abstract Object createItem(int n);

  /**
   * The number of a received item. Called in the receiving interpreter.
   *
   * @param received what a receive returned
   * @return the number it was created with
   */
  protected abstract int numberOf(Object received);

  /**
   * Disposes of a received item (releases a view, a proxy...). The default closes {@link
   * AutoCloseable}s.
   *
   * @param received what a receive returned
   * @throws Exception if disposing fails
   */
  protected void dispose(Object received) throws Exception {
    if (received instanceof AutoCloseable c) {
      c.close();
    }
  }

  private int take(Object received) throws Exception {
    try {
      return numberOf(received);
    } finally {
      dispose(received);
    }
  }

  @Override
  @Test
  public void required_rule2_20_itemsArriveInOrder() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    C ch = createChannel(Integer.MAX_VALUE);
    in(a, () -> {
      for (int i = 0; i < 50; i++) {
        ch.send(createItem(i));
      }
      return null;
    });
    assertEquals(50, ch.size());
    in(b, () -> {
      for (int i = 0; i < 50; i++) {
        assertEquals(i, take(ch.recv()), "rule 2.20: out of order");
      }
      return null;
    });
    assertEquals(0, ch.size());
  }

  @Override
  @Test
  public void required_rule2_21_nullIsRefusedAndChangesNothing() throws Exception {
    C ch = createChannel(Integer.MAX_VALUE);
    ch.send(createItem(1));
    assertThrows(NullPointerException.class, () -> ch.send(null), "rule 2.21");
    assertThrows(NullPointerException.class, () -> ch.trySend(null), "rule 2.21");
    assertThrows(NullPointerException.class, () -> ch.send(null, Duration.ZERO), "rule 2.21");
    assertEquals(1, ch.size(), "rule 2.21: a refused null changed the channel");
    assertEquals(1, take(ch.recv()));
  }

  @Override
  @Test
  public void required_rule2_22_negativeCapacityAndTimeoutAreRefused() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> createChannel(-1), "rule 2.22");
    C ch = createChannel(Integer.MAX_VALUE);
    Object item = createItem(7);
    assertThrows(IllegalArgumentException.class, () -> ch.recv(Duration.ofMillis(-1)), "rule 2.22");
    assertThrows(IllegalArgumentException.class, () -> ch.send(item, Duration.ofMillis(-1)),
        "rule 2.22");
    assertEquals(0, ch.size(), "rule 2.22: a refused send changed the channel");
  }

  @Override
  @Test
  public void required_rule2_23_fullChannelRefusesAndTheSenderKeepsTheItem() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = createChannel(1);
    in(a, () -> {
      assertTrue(ch.trySend(createItem(1)));
      assertFalse(ch.trySend(createItem(2)), "rule 2.23: trySend on a full channel");
      assertFalse(ch.send(createItem(3), Duration.ofMillis(20)), "rule 2.23: timed send");
      return null;
    });
    assertEquals(1, ch.size());
    assertEquals(1, ch.capacity());
    assertEquals(1, take(ch.recv()));
  }

  @Override
  @Test
  public void required_rule2_24_rendezvousSendReturnsOnceReceived() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = createChannel(0);
    CompletableFuture<Void> sent =
        a.submit(() -> {
          ch.send(createItem(5));
          return null;
        });
    Object got = ch.recv(Duration.ofSeconds(10));
    assertEquals(5, take(got), "rule 2.24");
    sent.get(10, TimeUnit.SECONDS);
    Object item = in(a, () -> createItem(6));
    assertFalse(ch.send(item, Duration.ofMillis(20)), "rule 2.24: a send nobody received returned");
    assertEquals(0, ch.size(), "rule 2.24: the withdrawn item stayed in the channel");
  }

  @Override
  @Test
  public void required_rule2_25_emptyChannelAnswersNull() throws Exception {
    C ch = createChannel(Integer.MAX_VALUE);
    assertNull(ch.tryRecv(), "rule 2.25");
    assertNull(ch.recv(Duration.ofMillis(10)), "rule 2.25");
  }

  @Override
  @Test
  public void required_rule2_26_closeSendDeliversWhatWasSentThenCloses() throws Exception {
    C ch = createChannel(Integer.MAX_VALUE);
    ch.send(createItem(1));
    ch.send(createItem(2));
    ch.closeSend();
    Object item = createItem(3);
    assertThrows(ChannelClosedException.class, () -> ch.send(item), "rule 2.26");
    assertEquals(1, take(ch.recv()));
    assertEquals(2, take(ch.recv()));
    assertThrows(ChannelClosedException.class, ch::recv, "rule 2.26: drained channel");
    assertTrue(ch.isClosed(), "rule 2.26: not closed once drained");
  }

  @Override
  @Test
  public void required_rule2_27_closeWithItemsThrowsAndChangesNothing() throws Exception {
    C ch = createChannel(Integer.MAX_VALUE);
    ch.send(createItem(1));
    assertThrows(ChannelNotEmptyException.class, ch::close, "rule 2.27");
    assertFalse(ch.isClosed(), "rule 2.27: closed anyway");
    assertEquals(1, ch.size());
    ch.send(createItem(2));
    assertEquals(1, take(ch.recv()));
    assertEquals(2, take(ch.recv()));
    ch.close();
    ch.close();
    assertTrue(ch.isClosed());
  }

  @Override
  @Test
  public void required_rule2_28_closeNowHandsOverTheItemsAndWakesWaiters() throws Exception {
    C ch = createChannel(Integer.MAX_VALUE);
    ch.send(createItem(1));
    ch.send(createItem(2));
    List<?> left = ch.closeNow();
    assertEquals(2, left.size(), "rule 2.28: items lost");
    assertEquals(1, take(left.get(0)));
    assertEquals(2, take(left.get(1)));

    C empty = createChannel(Integer.MAX_VALUE);
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Throwable> receiver =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              try {
                empty.recv();
                return null;
              } catch (Throwable t) {
                return t;
              }
            },
            r -> Thread.ofPlatform().start(r));
    waiting.await();
    Thread.sleep(50);
    assertEquals(List.of(), empty.closeNow());
    assertTrue(receiver.get(10, TimeUnit.SECONDS) instanceof ChannelClosedException,
        "rule 2.28: the waiting receiver was not woken with ChannelClosedException");
  }

  @Override
  @Test
  public void required_rule2_29_everyItemIsDeliveredExactlyOnce() throws Exception {
    int producers = 4;
    int consumers = 4;
    int perProducer = 250;
    C ch = createChannel(16);
    List<Interpreter> ps = new ArrayList<>();
    List<Interpreter> cs = new ArrayList<>();
    for (int i = 0; i < producers; i++) {
      ps.add(newInterpreter("producer-" + i));
      cs.add(newInterpreter("consumer-" + i));
    }
    ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int base = p * perProducer;
      all.add(ps.get(p).submit(() -> {
        for (int i = 0; i < perProducer; i++) {
          ch.send(createItem(base + i));
        }
        return null;
      }));
    }
    int total = producers * perProducer;
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(total);
    for (int c = 0; c < consumers; c++) {
      all.add(cs.get(c).submit(() -> {
        while (left.getAndDecrement() > 0) {
          got.add(take(ch.recv()));
        }
        return null;
      }));
    }
    for (CompletableFuture<?> f : all) {
      f.get(60, TimeUnit.SECONDS);
    }
    BitSet seen = new BitSet(total);
    for (int n : got) {
      assertFalse(seen.get(n), "rule 2.29: item " + n + " delivered twice");
      seen.set(n);
    }
    assertEquals(total, seen.cardinality(), "rule 2.29: items lost");
  }

  @Override
  @Test
  public void required_rule2_30_waitingReleasesTheInterpreter() throws Exception {
    Interpreter x = newInterpreter("waiter");
    C ch = createChannel(Integer.MAX_VALUE);
    CountDownLatch inside = new CountDownLatch(1);
    CompletableFuture<Integer> waiter =
        x.submit(() -> {
          inside.countDown();
          return take(ch.recv());
        });
    inside.await();
    Thread.sleep(50);
    CompletableFuture<String> other = CompletableFuture.supplyAsync(
        () -> in(x, () -> "entered"), r -> Thread.ofPlatform().start(r));
    assertEquals("entered", other.get(10, TimeUnit.SECONDS),
        "rule 2.30: a receiver waiting inside the interpreter blocked calls into it");
    ch.send(createItem(9));
    assertEquals(9, waiter.get(10, TimeUnit.SECONDS));
  }

  @Override
  @Test
  public void optional_rule2_31_unboundItemsFollowThePolicy() throws Exception {
    C errors = createChannel(Integer.MAX_VALUE, UnboundPolicy.ERROR);
    C removes = createChannel(Integer.MAX_VALUE, UnboundPolicy.REMOVE);
    Interpreter a = newInterpreter("closing sender");
    Interpreter b = newInterpreter("open sender");
    in(a, () -> {
      errors.send(createItem(1));
      removes.send(createItem(1));
      return null;
    });
    in(b, () -> {
      errors.send(createItem(2));
      removes.send(createItem(2));
      return null;
    });
    a.close();
    boolean bound;
    try {
      assertEquals(1, take(errors.recv()), "rule 2.31: wrong item");
      bound = false; // bound to no interpreter (an immutable value): always delivered
    } catch (ItemInterpreterClosedException expected) {
      bound = true;
    }
    assertEquals(2, take(errors.recv()), "rule 2.31: ERROR did not consume the unbound item");
    assertEquals(bound ? 1 : 2, removes.size(), "rule 2.31: REMOVE kept or dropped wrongly");
    if (!bound) {
      assertEquals(1, take(removes.recv()));
    }
    assertEquals(2, take(removes.recv()));
  }
}
