package org.crossinterp.benchmarks;

import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.memchannel.SharedBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * M1 and M4: one {@code send -> recv -> release} round trip of a {@link SharedBuffer} through an
 * unbounded {@link MemChannel}, on one thread, for a 64 B and a 16 MiB payload.
 *
 * <p>M1 is the ratio of the two times (zero-copy: the size must not matter, target at most
 * 1.5); M4 is the bytes allocated per round trip that JMH's GC profiler reports for each size
 * ({@code gc.alloc.rate.norm}: constant in the size and at most 256 B). The buffer is allocated
 * once per trial; each round trip reads its last byte through the view, so the view provably
 * covers the whole payload and the read cannot be optimised away.
 *
 * <p>JMH calls the methods; {@link #sendRecvRelease} runs on one benchmark thread that stays in
 * the main interpreter, which is both the sender and (through the release) the origin.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS, ForkArgs.XMX, ForkArgs.REGION, ForkArgs.PRETOUCH})
public class RoundTripBenchmark {
  /** The payload size in bytes: 64 B and 16 MiB. */
  @Param({"64", "16777216"})
  public long payloadBytes;

  private MemChannel channel;
  private SharedBuffer buffer;

  /** Creates the channel and the buffer, and touches every page of it. */
  @Setup(Level.Trial)
  public void setUp() {
    channel = MemChannel.create();
    buffer = SharedBuffer.allocate(payloadBytes);
    buffer.segment().fill((byte) 7);
  }

  /**
   * One round trip.
   *
   * @param bh consumes the byte read through the view
   * @throws InterruptedException never: the channel is unbounded and holds the item just sent
   */
  @Benchmark
  public void sendRecvRelease(Blackhole bh) throws InterruptedException {
    channel.send(buffer);
    CrossInterpreterView view = channel.recv();
    try {
      bh.consume(view.segment().get(ValueLayout.JAVA_BYTE, view.byteSize() - 1));
    } finally {
      view.release();
    }
  }

  /**
   * Closes the channel and the buffer and fails if any export outlived its round trip.
   *
   * @throws IllegalStateException if a share leaked
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    String where = "RoundTripBenchmark(" + payloadBytes + " B)";
    channel.close(); // throws ChannelNotEmptyException if an item was left behind
    int exports = buffer.exports();
    buffer.close();
    if (exports != 0) {
      throw new IllegalStateException(where + ": the buffer still has " + exports + " export(s)");
    }
    SharesCheck.assertNothingPinned(where);
  }
}
