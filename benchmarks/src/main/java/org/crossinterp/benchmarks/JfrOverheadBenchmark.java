package org.crossinterp.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.crossinterp.Interpreter;
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
 * J1: what crossinterp's Flight Recorder events cost on the hot paths while they are disabled.
 * {@code jfr=off}: no recording runs (the usual case: one volatile read per event site);
 * {@code jfr=disabled}: a recording runs with crossinterp's events disabled (each site then
 * creates an event the JIT removes and asks it whether it is enabled). Measured on an
 * interpreter switch ({@code Interpreter.call}) and a MemChannel round trip; the report compares
 * {@code disabled} with {@code off}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS_SMALL, ForkArgs.XMX_SMALL, ForkArgs.PRETOUCH})
public class JfrOverheadBenchmark {
  /** Whether a recording runs: {@code off} (none) or {@code disabled} (crossinterp's events off). */
  @Param({"off", "disabled"})
  public String jfr;

  private Recording recording;
  private Interpreter interp;
  private MemChannel channel;
  private SharedBuffer buffer;

  /** Starts the recording (for {@code disabled}) and creates what the benchmarks use. */
  @Setup(Level.Trial)
  public void setUp() {
    if ("disabled".equals(jfr)) {
      recording = new Recording();
      for (String event :
          new String[] {
            "org.crossinterp.InterpreterSwitch", "org.crossinterp.ChannelTransfer",
            "org.crossinterp.ShareReleased", "org.crossinterp.LeakDetected"
          }) {
        recording.disable(event);
      }
      recording.start();
    }
    interp = Interpreter.create("jfr-bench");
    channel = MemChannel.create();
    buffer = SharedBuffer.allocate(64);
  }

  /**
   * One switch into another interpreter and back.
   *
   * @return the task's result
   * @throws Exception never
   */
  @Benchmark
  public Object call() throws Exception {
    return interp.call(() -> Boolean.TRUE);
  }

  /**
   * One MemChannel round trip (send, receive, release).
   *
   * @param bh consumes the view's size
   * @throws InterruptedException never
   */
  @Benchmark
  public void roundTrip(Blackhole bh) throws InterruptedException {
    channel.send(buffer);
    CrossInterpreterView v = channel.recv();
    bh.consume(v.byteSize());
    v.release();
  }

  /** Stops the recording and checks that nothing leaked. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (recording != null) {
      recording.close();
    }
    channel.close();
    buffer.close();
    SharesCheck.assertNothingPinned("JfrOverheadBenchmark(" + jfr + ")", interp);
    interp.close();
  }
}
