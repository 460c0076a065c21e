package org.crossinterp.reliability;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;

/**
 * MemChannel's non-blocking operations are linearizable: Lincheck runs random concurrent
 * scenarios (stress, and model checking of interleavings) and checks every outcome against a
 * sequential run of the same channel. Items are one-byte buffers; a receive reads and releases
 * its view, so the results are plain values.
 */
@Param(name = "item", gen = IntGen.class, conf = "1:9")
public class MemChannelLinearizabilityTest {
  private static final String CLOSED = "closed";

  private final MemChannel channel = MemChannel.create(2);

  @Operation
  public Object trySend(@Param(name = "item") int item) {
    try {
      return channel.trySend(new byte[] {(byte) item});
    } catch (ChannelClosedException e) {
      return CLOSED;
    }
  }

  @Operation
  public Object tryRecv() {
    try {
      return read(channel.tryRecv());
    } catch (ChannelClosedException e) {
      return CLOSED;
    }
  }

  @Operation
  public void closeSend() {
    channel.closeSend();
  }

  @Operation
  public List<Integer> closeNow() {
    List<Integer> out = new ArrayList<>();
    for (CrossInterpreterView v : channel.closeNow()) {
      out.add(read(v));
    }
    return out;
  }

  @Operation
  public int size() {
    return channel.size();
  }

  @Operation
  public boolean isClosed() {
    return channel.isClosed();
  }

  private static Integer read(CrossInterpreterView v) {
    if (v == null) {
      return null;
    }
    try (v) {
      return (int) v.segment().get(ValueLayout.JAVA_BYTE, 0);
    }
  }

  @Test
  void stress() {
    new StressOptions().iterations(10).invocationsPerIteration(500).check(getClass());
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions().iterations(8).invocationsPerIteration(100).check(getClass());
  }
}
