package org.crossinterp.reliability;

import java.time.Duration;
import java.util.List;
import org.crossinterp.ChannelClosedException;
import org.crossinterp.ChannelNotEmptyException;
import org.crossinterp.objchannel.ObjChannel;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * ObjChannel is linearizable (it shares MemChannel's core, and this checks the sharing layer on
 * top does not break that). Items are immutable values, which cross as themselves.
 *
 * <p>What is covered, and why untimed {@code send}/{@code recv}/{@code recv(Class)} and
 * rendezvous channels are not, is as for {@link MemChannelLinearizabilityTest}: Lincheck 3.7
 * checks thread-blocking operations only with timeouts (stress only), since it cannot hold a
 * parked call in its sequential specification, and a rendezvous pair is not linearizable one
 * operation at a time.
 */
public class ObjChannelLinearizabilityTest {
  static final String CLOSED = "closed";
  static final String NOT_EMPTY = "not empty";

  @Test
  void stress() {
    new StressOptions().iterations(10).invocationsPerIteration(500).check(NonBlocking.class);
  }

  @Test
  void modelChecking() {
    ChannelModelChecking.options().check(NonBlocking.class);
  }

  /** Stress only, as {@link MemChannelLinearizabilityTest#stressWithTimedWaits} explains. */
  @Test
  void stressWithTimedWaits() {
    new StressOptions().iterations(10).invocationsPerIteration(300).check(TimedWaits.class);
  }

  /** The operations that never wait, and every way of closing. */
  @Param(name = "item", gen = IntGen.class, conf = "1:9")
  public static class NonBlocking {
    final ObjChannel channel = ObjChannel.create(2);

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
    public String close() {
      try {
        channel.close();
        return CLOSED;
      } catch (ChannelNotEmptyException e) {
        return NOT_EMPTY;
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
  }

  /** The operations above plus the timed blocking ones. */
  public static class TimedWaits extends NonBlocking {
    /** Long enough to wait for real in concurrent runs, short enough for thousands of runs. */
    private static final Duration WAIT = Duration.ofMillis(1);

    @Operation
    public Object send(@Param(name = "item") int item) throws InterruptedException {
      try {
        return channel.send(item, WAIT);
      } catch (ChannelClosedException e) {
        return CLOSED;
      }
    }

    @Operation
    public Object recv() throws InterruptedException {
      try {
        return channel.recv(WAIT);
      } catch (ChannelClosedException e) {
        return CLOSED;
      }
    }
  }
}
