package org.crossinterp.benchmarks;

import java.util.concurrent.TimeUnit;
import org.crossinterp.proxygen.Dispatcher;
import org.crossinterp.proxygen.Invoker;
import org.crossinterp.proxygen.ProxyClass;
import org.crossinterp.proxygen.ProxyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P2, second half: creating a proxy once its class is generated (target: at most 200 ns), and
 * what a generated proxy costs per call compared with a direct call and with {@link
 * java.lang.reflect.Proxy} doing the same work (no target: proxy-gen alone, no interpreters).
 *
 * <p>Creation: {@link #newInstanceCached} from a {@link ProxyClass} held by the caller, and
 * {@link #lookupAndNewInstance} through {@code ProxyFactory.standard().proxyClass(type)} (the
 * class cache's hit path) as a caller without its own cache does; the target applies to both.
 *
 * <p>Dispatch: {@code Counter.increment()} on a {@link SimpleCounter}, directly; through a
 * generated proxy whose dispatcher calls {@link Invoker#invoke} on the counter; through a JDK
 * proxy whose handler calls {@link java.lang.reflect.Method#invoke}; and through a JDK proxy
 * whose handler calls a prepared {@code MethodHandle}. One benchmark thread in the main
 * interpreter; the teardown checks that nothing is pinned in main.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS_SMALL, ForkArgs.XMX_SMALL, ForkArgs.REGION_LARGE, ForkArgs.PRETOUCH})
public class ProxyGenBenchmark {
  private ProxyClass<Counter> proxyClass;
  private Dispatcher dispatcher;
  private Counter direct;
  private Counter generated;
  private Counter reflectMethodInvoke;
  private Counter reflectMethodHandle;

  /** Generates the proxy class and makes the four callers of one counter. */
  @Setup(Level.Trial)
  public void setUp() {
    SimpleCounter target = new SimpleCounter();
    proxyClass = ProxyFactory.standard().proxyClass(Counter.class);
    Invoker invoker = proxyClass.invoker();
    dispatcher = (proxy, methodId, args) -> invoker.invoke(target, methodId, args);
    direct = target;
    generated = proxyClass.newInstance(dispatcher);
    reflectMethodInvoke = ReflectHandlers.methodInvoke(Counter.class, target, null);
    reflectMethodHandle = ReflectHandlers.methodHandle(Counter.class, target);
    for (Counter c : new Counter[] {direct, generated, reflectMethodInvoke, reflectMethodHandle}) {
      c.increment();
    }
    if (target.get() != 4 || generated.get() != 4 || reflectMethodHandle.get() != 4) {
      throw new IllegalStateException("ProxyGenBenchmark: a caller did not reach the counter");
    }
  }

  /**
   * A proxy from a class the caller holds.
   *
   * @return the proxy
   */
  @Benchmark
  public Counter newInstanceCached() {
    return proxyClass.newInstance(dispatcher);
  }

  /**
   * A proxy from the factory's class cache.
   *
   * @return the proxy
   */
  @Benchmark
  public Counter lookupAndNewInstance() {
    return ProxyFactory.standard().proxyClass(Counter.class).newInstance(dispatcher);
  }

  /** Baseline: a direct (interface) call. */
  @Benchmark
  public void callDirect() {
    direct.increment();
  }

  /** A generated proxy: dispatcher, then {@link Invoker#invoke} on the counter. */
  @Benchmark
  public void callGeneratedProxy() {
    generated.increment();
  }

  /** Baseline: a JDK proxy calling {@code Method.invoke}. */
  @Benchmark
  public void callReflectProxyMethodInvoke() {
    reflectMethodInvoke.increment();
  }

  /** Baseline: a JDK proxy calling a prepared {@code MethodHandle}. */
  @Benchmark
  public void callReflectProxyMethodHandle() {
    reflectMethodHandle.increment();
  }

  /**
   * Fails if anything is pinned in the main interpreter.
   *
   * @throws IllegalStateException if a share leaked
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    SharesCheck.assertNothingPinned("ProxyGenBenchmark");
  }
}
