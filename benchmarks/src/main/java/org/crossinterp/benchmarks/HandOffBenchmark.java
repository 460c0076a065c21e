package org.crossinterp.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * M3: small items from one producer thread to one consumer thread, through a bounded {@link
 * MemChannel} against a raw JCTools {@link SpscAtomicArrayQueue} of the same capacity passing
 * the same object (one 64 B segment of a shared arena). Target: MemChannel's time per item at
 * most 3 times the raw queue's.
 *
 * <p>Each JMH group runs two threads at once. Every invocation moves exactly one item: the
 * producer spins until its non-blocking offer succeeds, the consumer until an item arrives, both
 * giving up only when JMH ends the iteration ({@link Control#stopMeasurement}), so the average
 * time per invocation is the time per item. Both consumers read the item's first byte. Items
 * still queued when an iteration ends are drained (and their views released) before the next.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Group)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS, ForkArgs.XMX, ForkArgs.REGION, ForkArgs.PRETOUCH})
public class HandOffBenchmark {
  /** Capacity of both the channel and the baseline queue. */
  public static final int CAPACITY = 1024;

  /** How long a blocking send or receive waits before it looks whether the iteration ended. */
  private static final Duration WAIT = Duration.ofMillis(1);

  private Arena arena;
  private MemorySegment item;
  private MemChannel channel;
  private SpscAtomicArrayQueue<MemorySegment> queue;

  /** Allocates the item and creates the channel and the queue (once per group). */
  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    item = arena.allocate(64);
    item.fill((byte) 7);
    channel = MemChannel.create(CAPACITY);
    queue = new SpscAtomicArrayQueue<>(CAPACITY);
  }

  /**
   * MemChannel producer: sends the item once.
   *
   * @param control tells when the iteration is over
   */
  @Benchmark
  @Group("memChannel")
  @GroupThreads(1)
  public void memChannelSend(Control control) {
    while (!channel.trySend(item)) {
      if (control.stopMeasurement) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * MemChannel consumer: receives one item, reads its first byte, releases the view.
   *
   * @param control tells when the iteration is over
   * @param bh consumes the byte read
   */
  @Benchmark
  @Group("memChannel")
  @GroupThreads(1)
  public void memChannelRecv(Control control, Blackhole bh) {
    CrossInterpreterView view;
    while ((view = channel.tryRecv()) == null) {
      if (control.stopMeasurement) {
        return;
      }
      Thread.onSpinWait();
    }
    try {
      bh.consume(view.segment().get(ValueLayout.JAVA_BYTE, 0));
    } finally {
      view.release();
    }
  }

  /**
   * MemChannel producer with the blocking API: sends the item once, waiting while the channel
   * is full (in slices of {@link #WAIT}, to notice the end of the iteration).
   *
   * @param control tells when the iteration is over
   * @throws InterruptedException if JMH interrupts the thread
   */
  @Benchmark
  @Group("memChannelBlocking")
  @GroupThreads(1)
  public void memChannelBlockingSend(Control control) throws InterruptedException {
    while (!channel.send(item, WAIT)) {
      if (control.stopMeasurement) {
        return;
      }
    }
  }

  /**
   * MemChannel consumer with the blocking API: receives one item, waiting while the channel is
   * empty (in slices of {@link #WAIT}), reads its first byte, releases the view.
   *
   * @param control tells when the iteration is over
   * @param bh consumes the byte read
   * @throws InterruptedException if JMH interrupts the thread
   */
  @Benchmark
  @Group("memChannelBlocking")
  @GroupThreads(1)
  public void memChannelBlockingRecv(Control control, Blackhole bh) throws InterruptedException {
    CrossInterpreterView view;
    while ((view = channel.recv(WAIT)) == null) {
      if (control.stopMeasurement) {
        return;
      }
    }
    try {
      bh.consume(view.segment().get(ValueLayout.JAVA_BYTE, 0));
    } finally {
      view.release();
    }
  }

  /**
   * Baseline producer: offers the item once.
   *
   * @param control tells when the iteration is over
   */
  @Benchmark
  @Group("jctools")
  @GroupThreads(1)
  public void jctoolsOffer(Control control) {
    while (!queue.offer(item)) {
      if (control.stopMeasurement) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * Baseline consumer: polls one item and reads its first byte.
   *
   * @param control tells when the iteration is over
   * @param bh consumes the byte read
   */
  @Benchmark
  @Group("jctools")
  @GroupThreads(1)
  public void jctoolsPoll(Control control, Blackhole bh) {
    MemorySegment got;
    while ((got = queue.poll()) == null) {
      if (control.stopMeasurement) {
        return;
      }
      Thread.onSpinWait();
    }
    bh.consume(got.get(ValueLayout.JAVA_BYTE, 0));
  }

  /**
   * Drains what the producers sent after the consumers stopped, so that every iteration starts
   * empty, and fails if any export outlived its item. Runs once both group threads are done.
   *
   * @throws IllegalStateException if a share leaked
   */
  @TearDown(Level.Iteration)
  public void drain() {
    CrossInterpreterView view;
    while ((view = channel.tryRecv()) != null) {
      view.release();
    }
    queue.clear();
    SharesCheck.assertNothingPinned("HandOffBenchmark");
  }

  /** Closes the channel and frees the item. */
  @TearDown(Level.Trial)
  public void tearDown() {
    channel.close();
    arena.close();
  }
}
