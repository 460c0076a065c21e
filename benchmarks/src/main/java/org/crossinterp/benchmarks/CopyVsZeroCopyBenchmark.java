package org.crossinterp.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.lang.foreign.ValueLayout;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * M2: passing 1 MiB through a {@link MemChannel} (zero-copy) against passing it through an
 * {@link ArrayBlockingQueue} the way a copying channel would: the sender copies the bytes into a
 * fresh {@code byte[]} that the receiver then owns. Target: MemChannel at least 100 times faster.
 *
 * <p>Both sides send the same {@code byte[]} from one thread and read its last byte on receipt.
 * The copy is the baseline's whole cost; that is the point of the comparison. JMH calls the
 * methods on one benchmark thread in the main interpreter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS, ForkArgs.XMX, ForkArgs.REGION, ForkArgs.PRETOUCH})
public class CopyVsZeroCopyBenchmark {
  /** The payload: 1 MiB. */
  public static final int PAYLOAD_BYTES = 1 << 20;

  private byte[] payload;
  private MemChannel channel;
  private ArrayBlockingQueue<byte[]> queue;

  /** Fills the payload with random bytes and creates both channels. */
  @Setup(Level.Trial)
  public void setUp() {
    payload = new byte[PAYLOAD_BYTES];
    new SplittableRandom(42).nextBytes(payload);
    channel = MemChannel.create();
    queue = new ArrayBlockingQueue<>(16);
  }

  /**
   * Zero-copy: send the array, receive a view of it, read its last byte, release.
   *
   * @param bh consumes the byte read
   * @throws InterruptedException never: the channel is unbounded
   */
  @Benchmark
  public void memChannel(Blackhole bh) throws InterruptedException {
    channel.send(payload);
    CrossInterpreterView view = channel.recv();
    try {
      bh.consume(view.segment().get(ValueLayout.JAVA_BYTE, PAYLOAD_BYTES - 1));
    } finally {
      view.release();
    }
  }

  /**
   * Baseline: copy into a fresh array on send, queue it, take it, read its last byte.
   *
   * @param bh consumes the byte read
   * @throws InterruptedException never: the queue has room for the one item in flight
   */
  @Benchmark
  public void arrayBlockingQueueCopy(Blackhole bh) throws InterruptedException {
    queue.put(Arrays.copyOf(payload, PAYLOAD_BYTES));
    byte[] received = queue.take();
    bh.consume(received[PAYLOAD_BYTES - 1]);
  }

  /**
   * Closes the channel and fails if an export outlived its round trip.
   *
   * @throws IllegalStateException if a share leaked or an item was left behind
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    channel.close();
    if (!queue.isEmpty()) {
      throw new IllegalStateException("CopyVsZeroCopyBenchmark: the baseline queue is not empty");
    }
    SharesCheck.assertNothingPinned("CopyVsZeroCopyBenchmark");
  }
}
