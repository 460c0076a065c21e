package org.crossinterp.benchmarks;

import java.util.concurrent.TimeUnit;
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
 * P2, first half: the time to generate the proxy class for an interface no factory has seen
 * (target: at most 5 ms). Single-shot: every measured invocation is one cache miss.
 *
 * <p>{@link #newInterface} is the steady state: before each invocation, outside the timing, a
 * new interface is defined ({@link FreshInterfaces}), so every call generates, defines and
 * loads a proxy class with a warm JIT and ByteBuddy already loaded; the many iterations over
 * two forks give the distribution. {@link #coldJvm} is the very first proxy class of a fresh JVM
 * (ByteBuddy's and the factory's classes not even loaded, nothing compiled): one invocation per fork,
 * shown beside the target but not deciding it.
 *
 * <p>One benchmark thread in the main interpreter; no interpreter is involved (proxy-gen knows
 * nothing about interpreters), and the teardown checks that nothing is pinned in main.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ProxyClassBenchmark {
  /**
   * The proxy class for an interface defined just before (a cache miss every time).
   *
   * @param fresh the new interface
   * @return the generated class
   */
  @Benchmark
  @Warmup(iterations = 40)
  @Measurement(iterations = 150)
  @Fork(value = 2, jvmArgsAppend = {ForkArgs.XMS_SMALL, ForkArgs.XMX_SMALL, ForkArgs.REGION_LARGE, ForkArgs.PRETOUCH})
  public ProxyClass<?> newInterface(FreshInterface fresh) {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(fresh.type);
    fresh.generated = pc;
    return pc;
  }

  /**
   * The first proxy class of a fresh JVM.
   *
   * @param first {@link Counter} on a fork's first invocation, a new interface after that
   * @return the generated class
   */
  @Benchmark
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(value = 5, jvmArgsAppend = {ForkArgs.XMS_SMALL, ForkArgs.XMX_SMALL, ForkArgs.REGION_LARGE, ForkArgs.PRETOUCH})
  public ProxyClass<?> coldJvm(FirstInterface first) {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(first.type);
    first.generated = pc;
    return pc;
  }

  /**
   * Fails if anything is pinned in the main interpreter.
   *
   * @throws IllegalStateException if a share leaked
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    SharesCheck.assertNothingPinned("ProxyClassBenchmark");
  }

  /** An interface no factory has seen, defined anew (outside the timing) for every invocation. */
  @State(Scope.Thread)
  public static class FreshInterface {
    Class<?> type;
    ProxyClass<?> generated;

    /** Defines the interface. */
    @Setup(Level.Invocation)
    public void define() {
      type = FreshInterfaces.define();
      generated = null;
    }

    /**
     * Checks that the invocation really generated a class for the new interface.
     *
     * @throws IllegalStateException if it did not
     */
    @TearDown(Level.Invocation)
    public void check() {
      FreshInterface.check(type, generated);
    }

    static void check(Class<?> type, ProxyClass<?> generated) {
      if (generated == null || !type.isAssignableFrom(generated.type())) {
        throw new IllegalStateException(
            "ProxyClassBenchmark: no proxy class was generated for " + type.getName());
      }
    }
  }

  /**
   * The interface of {@link #coldJvm}: the hand-written {@link Counter} for a fork's first
   * invocation, which is the only one in the full run, so nothing (ByteBuddy included) is loaded
   * before it. Should a run add iterations (the quick smoke run warms up), every later
   * invocation gets a new interface, so that each is still a cache miss.
   */
  @State(Scope.Thread)
  public static class FirstInterface {
    Class<?> type;
    ProxyClass<?> generated;
    private boolean used;

    /** Picks the interface. */
    @Setup(Level.Invocation)
    public void pick() {
      type = used ? FreshInterfaces.define() : Counter.class;
      used = true;
      generated = null;
    }

    /**
     * Checks that the invocation really generated a class for the new interface.
     *
     * @throws IllegalStateException if it did not
     */
    @TearDown(Level.Invocation)
    public void check() {
      FreshInterface.check(type, generated);
    }
  }
}
