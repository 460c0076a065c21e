package org.crossinterp.reliability;

import java.util.List;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.objchannel.ObjChannel;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * ObjChannel's non-blocking operations are linearizable (it shares MemChannel's core, and this
 * checks the sharing layer on top does not break that). Items are immutable values, which cross
 * as themselves.
 */
@Param(name = "item", gen = IntGen.class, conf = "1:9")
public class ObjChannelLinearizabilityTest {
  private static final String CLOSED = "closed";

  private final ObjChannel channel = ObjChannel.create(2);

  @Operation
  public Object trySend(@Param(name = "item") int item) {
    try {
      return channel.trySend(item);
    } catch (ChannelClosedException e) {
      return CLOSED;
    }
  }

  @Operation
  public Object tryRecv() {
    try {
      return channel.tryRecv();
    } catch (ChannelClosedException e) {
      return CLOSED;
    }
  }

  @Operation
  public void closeSend() {
    channel.closeSend();
  }

  @Operation
  public List<Object> closeNow() {
    return channel.closeNow();
  }

  @Operation
  public int size() {
    return channel.size();
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
