package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.Channel;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.Interpreter;
import org.crossinterp.ItemInterpreterClosedException;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.objchannel.Shareables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance verification of a channel: extend it with factory methods for your channel
 * and its items, and JUnit runs every rule of {@link ChannelRules}. crossinterp runs it against
 * {@code MemChannel} and {@code ObjChannel}; a future channel kind passes it too.
 *
 * <pre>{@code
 * class MemChannelVerificationTest extends ChannelVerification<MemChannel> {
 *   protected MemChannel createChannel(int capacity) {
 *     return capacity == Integer.MAX_VALUE ? MemChannel.create() : MemChannel.create(capacity);
 *   }
 *   protected Object createItem(int n) { return ByteBuffer.allocate(4).putInt(0, n).array(); }
 *   protected int numberOf(Object received) {
 *     return ((CrossInterpreterView) received).segment().get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(BIG_ENDIAN), 0);
 *   }
 * }
 * }</pre>
 *
 * <p>Items are sent from interpreters the test creates, so that a share a receiver never
 * releases is pinned in an interpreter of the test and the leak check finds it. After each test
 * the kit closes the channels it created with {@code closeNow()} and disposes of what was still
 * in them, so that a rule that failed half-way does not also fail the leak check or leave a
 * thread waiting.
 *
 * @param <C> the channel type
 */
public abstract class ChannelVerification<C extends Channel<Object, ?>> extends VerificationSupport
    implements ChannelRules {

  /** How long a test waits for something that should happen at once. */
  private static final long PATIENCE_SECONDS = 10;

  private final List<C> channels = new ArrayList<>();

  /** Creates the verification. */
  protected ChannelVerification() {}

  /**
   * A new channel with the default unbound-item policy ({@link UnboundPolicy#DELIVER}). Called
   * on the test's thread.
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
   * Disposes of a received item. Called in the receiving interpreter. The default releases a
   * proxy (every reference the receiver holds; {@code close()} on a proxy would be a call to the
   * owner's object, not a release) and closes anything else that is {@link AutoCloseable} (a
   * view, a StrView...).
   *
   * @param received what a receive returned
   * @throws Exception if disposing fails
   */
  protected void dispose(Object received) throws Exception {
    if (Proxies.isProxy(received)) {
      while (Proxies.refCount(received) > 0) {
        Proxies.release(received);
      }
    } else if (received instanceof AutoCloseable c) {
      c.close();
    }
  }

  /**
   * Whether an item is bound to the interpreter that sent it, so that the unbound-item policies
   * of rule 2.31 apply to it once that interpreter is closed. Called in the sending interpreter.
   * The default says so for everything that is not shareable as is ({@code
   * Shareables.isShareable}): buffers, proxied objects and values crossing through a sharer are
   * bound, immutable values are not.
   *
   * @param item an item {@link #createItem} made
   * @return true if bound
   */
  protected boolean isBound(Object item) {
    return !Shareables.isShareable(item);
  }

  private C channel(int capacity) {
    C c = createChannel(capacity);
    channels.add(c);
    return c;
  }

  private C channel(int capacity, UnboundPolicy policy) {
    C c = createChannel(capacity, policy);
    assertNotNull(c, "createChannel(capacity, policy) returned null");
    channels.add(c);
    return c;
  }

  private int take(Object received) throws Exception {
    assertNotNull(received, "a receive returned null where an item was due");
    try {
      return numberOf(received);
    } finally {
      dispose(received);
    }
  }

  private void send(Interpreter from, C ch, int... numbers) {
    in(from, () -> {
      for (int n : numbers) {
        ch.send(createItem(n));
      }
      return null;
    });
  }

  /**
   * Closes every channel the test created and disposes of what was left in them. JUnit calls
   * it after each test, before the leak check; not for direct use.
   *
   * @throws Exception the first failure to close or dispose
   */
  @AfterEach
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  public final void closeChannels() throws Exception {
    Exception first = null;
    for (C c : channels) {
      try {
        for (Object left : c.closeNow()) {
          dispose(left);
        }
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    channels.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Waits (boundedly) until {@code t} waits, so that the test checks the waking of a waiter. */
  private static void awaitWaiting(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (t.getState() != Thread.State.WAITING
        && t.getState() != Thread.State.TIMED_WAITING
        && t.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Override
  @Test
  public void required_rule2_20_itemsArriveInOrder() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    C ch = channel(Integer.MAX_VALUE);
    in(a, () -> {
      for (int i = 0; i < 50; i++) {
        ch.send(createItem(i));
      }
      return null;
    });
    assertEquals(50, ch.size(), "rule 2.20: the channel does not hold the 50 items sent");
    in(b, () -> {
      for (int i = 0; i < 50; i++) {
        assertEquals(i, take(ch.recv()), "rule 2.20: out of order");
      }
      return null;
    });
    assertEquals(0, ch.size(), "rule 2.20: items left after every item was received");
  }

  @Override
  @Test
  public void required_rule2_21_nullIsRefusedAndChangesNothing() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = channel(Integer.MAX_VALUE);
    in(a, () -> {
      ch.send(createItem(1));
      assertThrows(NullPointerException.class, () -> ch.send(null), "rule 2.21");
      assertThrows(NullPointerException.class, () -> ch.trySend(null), "rule 2.21");
      assertThrows(NullPointerException.class, () -> ch.send(null, Duration.ZERO), "rule 2.21");
      return null;
    });
    assertEquals(1, ch.size(), "rule 2.21: a refused null changed the channel");
    assertEquals(1, take(ch.recv()), "rule 2.21: the item sent before the nulls changed");
  }

  @Override
  @Test
  public void required_rule2_22_negativeCapacityAndTimeoutAreRefused() throws Exception {
    Interpreter a = newInterpreter("sender");
    assertThrows(IllegalArgumentException.class, () -> channel(-1),
        "rule 2.22: capacity -1 was accepted");
    C ch = channel(Integer.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> ch.recv(Duration.ofMillis(-1)),
        "rule 2.22: a negative receive timeout was accepted");
    in(a, () -> {
      Object item = createItem(7);
      assertThrows(IllegalArgumentException.class, () -> ch.send(item, Duration.ofMillis(-1)),
          "rule 2.22: a negative send timeout was accepted");
      return null;
    });
    assertEquals(0, ch.size(), "rule 2.22: a refused send changed the channel");
  }

  @Override
  @Test
  public void required_rule2_23_fullChannelRefusesAndTheSenderKeepsTheItem() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = channel(1);
    in(a, () -> {
      assertTrue(ch.trySend(createItem(1)), "rule 2.23: trySend on an empty channel");
      assertFalse(ch.trySend(createItem(2)), "rule 2.23: trySend on a full channel");
      assertFalse(ch.send(createItem(3), Duration.ofMillis(20)),
          "rule 2.23: timed send on a full channel");
      return null;
    });
    assertEquals(1, ch.size(), "rule 2.23: a refused send changed the channel");
    assertEquals(1, ch.capacity(), "rule 2.23: capacity");
    assertEquals(1, take(ch.recv()), "rule 2.23");
  }

  @Override
  @Test
  public void required_rule2_24_rendezvousSendReturnsOnceReceived() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = channel(0);
    assertEquals(0, ch.capacity(), "rule 2.24: capacity");
    CompletableFuture<Void> sent =
        a.submit(() -> {
          ch.send(createItem(5));
          return null;
        });
    Object got = ch.recv(Duration.ofSeconds(PATIENCE_SECONDS));
    assertNotNull(got, "rule 2.24: the rendezvous item never arrived");
    assertEquals(5, take(got), "rule 2.24");
    sent.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    in(a, () -> {
      assertFalse(ch.send(createItem(6), Duration.ofMillis(20)),
          "rule 2.24: a send nobody received returned true");
      return null;
    });
    assertEquals(0, ch.size(), "rule 2.24: the withdrawn item stayed in the channel");
  }

  @Override
  @Test
  public void required_rule2_25_emptyChannelAnswersNull() throws Exception {
    C ch = channel(Integer.MAX_VALUE);
    assertNull(ch.tryRecv(), "rule 2.25: tryRecv");
    assertNull(ch.recv(Duration.ofMillis(10)), "rule 2.25: timed recv");
    assertNull(ch.recv(Duration.ZERO), "rule 2.25: recv with a zero timeout");
  }

  @Override
  @Test
  public void required_rule2_26_closeSendDeliversWhatWasSentThenCloses() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = channel(Integer.MAX_VALUE);
    send(a, ch, 1, 2);
    ch.closeSend();
    assertThrows(ChannelClosedException.class, () -> send(a, ch, 3),
        "rule 2.26: a send after closeSend");
    assertFalse(ch.isClosed(), "rule 2.26: closed while items are pending");
    assertEquals(1, take(ch.recv()), "rule 2.26");
    assertEquals(2, take(ch.recv()), "rule 2.26");
    assertThrows(ChannelClosedException.class, ch::recv, "rule 2.26: recv on a drained channel");
    assertTrue(ch.isClosed(), "rule 2.26: not closed once drained");
  }

  @Override
  @Test
  public void required_rule2_27_closeWithItemsThrowsAndChangesNothing() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = channel(Integer.MAX_VALUE);
    send(a, ch, 1);
    assertThrows(ChannelNotEmptyException.class, ch::close, "rule 2.27");
    assertFalse(ch.isClosed(), "rule 2.27: closed anyway");
    assertEquals(1, ch.size(), "rule 2.27: the pending item was touched");
    send(a, ch, 2);
    assertEquals(1, take(ch.recv()), "rule 2.27");
    assertEquals(2, take(ch.recv()), "rule 2.27");
    ch.close();
    ch.close();
    assertTrue(ch.isClosed(), "rule 2.27: close on an empty channel");
  }

  @Override
  @Test
  public void required_rule2_28_closeNowHandsOverTheItemsAndWakesWaiters() throws Exception {
    Interpreter a = newInterpreter("sender");
    C ch = channel(Integer.MAX_VALUE);
    send(a, ch, 1, 2);
    List<?> left = ch.closeNow();
    assertEquals(2, left.size(), "rule 2.28: items lost");
    assertEquals(1, take(left.get(0)), "rule 2.28");
    assertEquals(2, take(left.get(1)), "rule 2.28");
    assertTrue(ch.isClosed(), "rule 2.28: not closed");

    C empty = channel(Integer.MAX_VALUE);
    CompletableFuture<Throwable> woken = new CompletableFuture<>();
    Thread receiver = Thread.ofPlatform().start(() -> {
      try {
        Object unexpected = empty.recv();
        woken.complete(new AssertionError("received " + unexpected));
      } catch (Throwable t) {
        woken.complete(t);
      }
    });
    awaitWaiting(receiver);
    assertEquals(List.of(), empty.closeNow(), "rule 2.28: items in an empty channel");
    Throwable t = woken.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    assertTrue(t instanceof ChannelClosedException,
        "rule 2.28: the waiting receiver was not woken with ChannelClosedException but " + t);
  }

  @Override
  @Test
  public void required_rule2_29_everyItemIsDeliveredExactlyOnce() throws Exception {
    int producers = 4;
    int consumers = 4;
    int perProducer = 250;
    int total = producers * perProducer;
    C ch = channel(16);
    ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    List<CompletableFuture<?>> producing = new ArrayList<>();
    List<CompletableFuture<?>> consuming = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int base = p * perProducer;
      producing.add(newInterpreter("producer-" + p).submit(() -> {
        for (int i = 0; i < perProducer; i++) {
          ch.send(createItem(base + i));
        }
        return null;
      }));
    }
    for (int c = 0; c < consumers; c++) {
      consuming.add(newInterpreter("consumer-" + c).submit(() -> {
        while (true) {
          Object r;
          try {
            r = ch.recv();
          } catch (ChannelClosedException drained) {
            return null;
          }
          got.add(take(r));
        }
      }));
    }
    List<CompletableFuture<?>> all = new ArrayList<>(producing);
    all.addAll(consuming);
    for (CompletableFuture<?> f : all) {
      f.whenComplete((v, t) -> {
        if (t != null) {
          failure.complete(t);
        }
      });
    }
    // every item was sent: closing the sending end lets the consumers drain and stop
    CompletableFuture.allOf(producing.toArray(CompletableFuture[]::new))
        .thenRun(ch::closeSend);
    try {
      CompletableFuture.anyOf(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)),
          failure).get(45, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException stuck) {
      // reported below
    }
    Throwable cause = firstFailure(all);
    if (cause != null || !all.stream().allMatch(CompletableFuture::isDone)) {
      // nobody may wait forever on the channel: wake every producer and consumer
      for (Object left : ch.closeNow()) {
        dispose(left);
      }
      for (CompletableFuture<?> f : all) {
        try {
          f.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ignored) {
          // the first failure is reported
        }
      }
      fail("rule 2.29: " + (cause != null
          ? "a producer or consumer failed: " + cause
          : "producers and consumers did not finish (lost items leave consumers waiting)"),
          cause);
    }
    BitSet seen = new BitSet(total);
    List<Integer> twice = new ArrayList<>();
    for (int n : got) {
      if (n < 0 || n >= total || seen.get(n)) {
        twice.add(n);
      }
      seen.set(n);
    }
    assertTrue(twice.isEmpty(), "rule 2.29: items delivered twice or never sent: " + twice);
    if (seen.cardinality() != total) {
      List<Integer> lost = new ArrayList<>();
      for (int n = seen.nextClearBit(0); n < total; n = seen.nextClearBit(n + 1)) {
        lost.add(n);
      }
      fail("rule 2.29: " + lost.size() + " item(s) lost: " + lost);
    }
  }

  /** The failure of the first task that failed, or null (a task's own, not a consequence). */
  private static Throwable firstFailure(List<CompletableFuture<?>> tasks) {
    for (CompletableFuture<?> f : tasks) {
      if (f.isCompletedExceptionally()) {
        return f.exceptionNow();
      }
    }
    return null;
  }

  @Override
  @Test
  public void required_rule2_30_waitingReleasesTheInterpreter() throws Exception {
    Interpreter x = newInterpreter("waiter");
    Interpreter a = newInterpreter("sender");
    C ch = channel(Integer.MAX_VALUE);
    AtomicReference<Thread> waitingThread = new AtomicReference<>();
    CountDownLatch inside = new CountDownLatch(1);
    CompletableFuture<Integer> waiter =
        x.submit(() -> {
          waitingThread.set(Thread.currentThread());
          inside.countDown();
          return take(ch.recv());
        });
    assertTrue(inside.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the waiter never started");
    awaitWaiting(waitingThread.get());
    CompletableFuture<String> other = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> {
      try {
        other.complete(in(x, () -> "entered"));
      } catch (Throwable t) {
        other.completeExceptionally(t);
      }
    });
    try {
      assertEquals("entered", other.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    } catch (TimeoutException blocked) {
      fail("rule 2.30: a receiver waiting inside the interpreter blocked calls into it for "
          + PATIENCE_SECONDS + " s");
    }
    send(a, ch, 9);
    assertEquals(9, waiter.get(PATIENCE_SECONDS, TimeUnit.SECONDS), "rule 2.30");
  }

  @Override
  @Test
  public void optional_rule2_31_unboundItemsFollowThePolicy() throws Exception {
    C errors = channel(Integer.MAX_VALUE, UnboundPolicy.ERROR);
    C removes = channel(Integer.MAX_VALUE, UnboundPolicy.REMOVE);
    C delivers = channel(Integer.MAX_VALUE, UnboundPolicy.DELIVER);
    Interpreter a = newInterpreter("closing sender");
    Interpreter b = newInterpreter("open sender");
    boolean bound = in(a, () -> isBound(createItem(1)));
    send(a, errors, 1);
    send(a, removes, 1);
    send(a, delivers, 1);
    send(b, errors, 2);
    send(b, removes, 2);
    send(b, delivers, 2);
    a.close();
    if (bound) {
      assertThrows(ItemInterpreterClosedException.class, errors::recv,
          "rule 2.31: ERROR delivered an item whose sender was closed");
      assertEquals(1, removes.size(), "rule 2.31: REMOVE kept an item whose sender was closed");
      Object first = delivers.recv();
      assertNotNull(first, "rule 2.31: DELIVER lost an item whose sender was closed");
      dispose(first); // a proxy of it would throw InterpreterClosedException if called
    } else {
      // an immutable value is bound to no interpreter: every policy delivers it
      assertEquals(1, take(errors.recv()), "rule 2.31: ERROR refused an unbound item");
      assertEquals(2, removes.size(), "rule 2.31: REMOVE dropped an unbound item");
      assertEquals(1, take(removes.recv()), "rule 2.31: REMOVE");
      assertEquals(1, take(delivers.recv()), "rule 2.31: DELIVER");
    }
    assertEquals(2, take(errors.recv()), "rule 2.31: ERROR did not consume the unbound item");
    assertEquals(2, take(removes.recv()), "rule 2.31: REMOVE");
    assertEquals(2, take(delivers.recv()), "rule 2.31: DELIVER");
  }
}
