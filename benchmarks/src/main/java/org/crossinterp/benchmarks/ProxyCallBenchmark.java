package org.crossinterp.benchmarks;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1: a proxy call into another interpreter, uncontended. A {@link SimpleCounter} is owned by
 * interpreter A; interpreter B received a proxy of it over an {@link ObjChannel}; a thread inside
 * B calls {@code proxy.increment()}, which switches B to A and back. Target: at most 1.5 times
 * the hand-written equivalent "take A's lock (a {@link ReentrantLock}), call, unlock", and faster
 * than a {@link java.lang.reflect.Proxy} whose handler takes that lock and calls through {@code
 * Method.invoke}.
 *
 * <p><b>Inside B.</b> JMH's thread cannot stay inside an interpreter between invocations (that
 * is only possible within {@link Interpreter#call}), so each invocation enters B once with
 * {@code B.call} and makes {@value #BATCH} calls there ({@code @OperationsPerInvocation}): every
 * call is a real call from inside B (it gives B's lock back, takes A's, and undoes both), and
 * the one {@code B.call} per batch, paid equally by the proxy and both baselines, adds about
 * 1/{@value #BATCH} of its cost to each figure. {@link #proxyCallFromMain} shows the same call
 * made by a thread that holds no interpreter lock (main to A, nothing to give back), without a
 * target.
 *
 * <p>Also measured, without targets: {@link #switchingReflectProxyCallInsideB}, a JDK proxy that
 * makes the same switch with {@code A.call} (so the two proxies differ only in how they
 * dispatch), {@link #emptyCallIntoAFromMain}, the bare switch, {@link #retainRelease}, a {@code Proxies.retain}/{@code
 * release} pair on a live proxy, and {@link #roundTrip}: A sends a second counter, B receives it
 * (a new proxy, since B holds none of it), calls it once and releases it (the share goes back to
 * A as a pending call).
 *
 * <p>Every teardown releases the proxy and fails unless main, A and B pin nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS_SMALL, ForkArgs.XMX_SMALL, ForkArgs.REGION_LARGE, ForkArgs.PRETOUCH})
public class ProxyCallBenchmark {
  /** Calls per {@code B.call} in the "inside B" benchmarks. */
  public static final int BATCH = 64;

  private static final Callable<Object> NOTHING = () -> null;

  private Interpreter owner;
  private Interpreter caller;
  private ObjChannel channel;
  private SimpleCounter counter;
  private SimpleCounter roundTripCounter;
  private ReentrantLock ownerLock;
  private Counter proxy;
  private Counter reflectProxy;
  private Counter switchingReflectProxy;
  private Callable<Void> proxyBatch;
  private Callable<Void> lockedBatch;
  private Callable<Void> reflectBatch;
  private Callable<Void> switchingReflectBatch;
  private Callable<Void> sendRoundTrip;
  private Callable<Void> receiveCallRelease;

  /**
   * Creates A and B, the counters (owned by A), sends one counter to B and builds the callers.
   *
   * @throws Exception if a setup step fails
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    owner = Interpreter.create("P1-owner-A");
    caller = Interpreter.create("P1-caller-B");
    channel = ObjChannel.create();
    counter = owner.call(SimpleCounter::new);
    roundTripCounter = owner.call(SimpleCounter::new);
    ownerLock = new ReentrantLock();
    owner.call(
        () -> {
          channel.send(counter);
          return null;
        });
    proxy = caller.call(() -> channel.recv(Counter.class));
    if (!Proxies.isProxy(proxy) || Proxies.owner(proxy) != owner) {
      throw new IllegalStateException("ProxyCallBenchmark: B did not receive a proxy owned by A");
    }
    reflectProxy = ReflectHandlers.methodInvoke(Counter.class, counter, ownerLock);
    switchingReflectProxy = ReflectHandlers.switching(Counter.class, counter, owner);

    proxyBatch =
        () -> {
          Counter p = proxy;
          for (int i = 0; i < BATCH; i++) {
            p.increment();
          }
          return null;
        };
    lockedBatch =
        () -> {
          SimpleCounter c = counter;
          ReentrantLock l = ownerLock;
          for (int i = 0; i < BATCH; i++) {
            l.lock();
            try {
              c.increment();
            } finally {
              l.unlock();
            }
          }
          return null;
        };
    reflectBatch =
        () -> {
          Counter p = reflectProxy;
          for (int i = 0; i < BATCH; i++) {
            p.increment();
          }
          return null;
        };
    switchingReflectBatch =
        () -> {
          Counter p = switchingReflectProxy;
          for (int i = 0; i < BATCH; i++) {
            p.increment();
          }
          return null;
        };
    sendRoundTrip =
        () -> {
          channel.send(roundTripCounter);
          return null;
        };
    receiveCallRelease =
        () -> {
          Counter p = channel.recv(Counter.class);
          p.increment();
          Proxies.release(p);
          return null;
        };
    caller.call(proxyBatch);
    if (counter.get() != BATCH) {
      throw new IllegalStateException("ProxyCallBenchmark: the proxy calls did not reach A's counter");
    }
  }

  /**
   * {@value #BATCH} proxy calls from inside B, each switching to A and back.
   *
   * @throws Exception never
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void proxyCallInsideB() throws Exception {
    caller.call(proxyBatch);
  }

  /**
   * Baseline: {@value #BATCH} times "lock, direct call, unlock" from inside B.
   *
   * @throws Exception never
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void lockedDirectCallInsideB() throws Exception {
    caller.call(lockedBatch);
  }

  /**
   * Baseline: {@value #BATCH} calls from inside B through a JDK proxy that locks and calls
   * through {@code Method.invoke}.
   *
   * @throws Exception never
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void reflectProxyCallInsideB() throws Exception {
    caller.call(reflectBatch);
  }

  /**
   * {@value #BATCH} calls from inside B through a JDK proxy that switches to A with {@code
   * A.call} and calls {@code Method.invoke} there: the same switch as the ObjChannel proxy, with
   * reflection instead of generated code (no target).
   *
   * @throws Exception never
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void switchingReflectProxyCallInsideB() throws Exception {
    caller.call(switchingReflectBatch);
  }

  /** The proxy call from a thread in main that holds no interpreter lock (no target). */
  @Benchmark
  public void proxyCallFromMain() {
    proxy.increment();
  }

  /**
   * {@code A.call} of a task that does nothing, from a thread in main: the bare switch that
   * every proxy call makes (no target; it splits the proxy call's cost into switch and rest).
   *
   * @return null
   * @throws Exception never
   */
  @Benchmark
  public Object emptyCallIntoAFromMain() throws Exception {
    return owner.call(NOTHING);
  }

  /** A retain/release pair on a live proxy (any thread; here main). */
  @Benchmark
  public void retainRelease() {
    Proxies.retain(proxy);
    Proxies.release(proxy);
  }

  /**
   * A sends a counter, B receives it as a new proxy, calls it once and releases it.
   *
   * @throws Exception never
   */
  @Benchmark
  public void roundTrip() throws Exception {
    owner.call(sendRoundTrip);
    caller.call(receiveCallRelease);
  }

  /**
   * Releases B's proxy, closes the channel and both interpreters, and fails if a share leaked.
   *
   * @throws Exception if releasing fails
   * @throws IllegalStateException if a share leaked
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    try {
      caller.call(
          () -> {
            Proxies.release(proxy);
            return null;
          });
      channel.close(); // throws ChannelNotEmptyException if a round trip left its item
      SharesCheck.assertNothingPinned("ProxyCallBenchmark", owner, caller);
    } finally {
      caller.close();
      owner.close();
    }
  }
}
