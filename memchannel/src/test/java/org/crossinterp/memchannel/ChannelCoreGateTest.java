package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.failure;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Consumer;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.internal.channel.ChannelCore;
import org.crossinterp.internal.channel.ItemSupport;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receive gate of {@link ChannelCore} (what {@code ObjChannel.recv(Class)} uses): it sees
 * the oldest item under the lock and may refuse it, leaving it first in the channel.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelCoreGateTest {
  private static final ItemSupport<String> VALUES =
      new ItemSupport<>() {
        @Override
        public Domain origin(String item) {
          return null; // bound to no interpreter
        }

        @Override
        public void discard(String item) {}
      };

  private static ChannelCore<String> core(int capacity) {
    return new ChannelCore<>(capacity, UnboundPolicy.DELIVER, null, VALUES);
  }

  private static final Consumer<String> ONLY_B =
      s -> {
        if (!s.startsWith("b")) {
          throw new ClassCastException("not a b: " + s);
        }
      };

  @Test
  void aRefusedItemStaysFirstAndNothingChanges() throws Exception {
    ChannelCore<String> c = core(Integer.MAX_VALUE);
    c.send("a1", 0);
    c.send("b2", 0);
    assertThrows(ClassCastException.class, () -> c.recv(0, ONLY_B));
    assertThrows(ClassCastException.class, () -> c.recv(ChannelCore.FOREVER, ONLY_B));
    assertEquals(2, c.size());
    assertEquals("a1", c.recv(0));
    assertEquals("b2", c.recv(0, ONLY_B));
    assertEquals(0, c.size());
  }

  @Test
  void aWaitingReceiverIsRefusedWhenTheItemArrives() throws Exception {
    for (int capacity : new int[] {Integer.MAX_VALUE, 0}) {
      ChannelCore<String> c = core(capacity);
      Started<String> receiver = start("gated", () -> c.recv(ChannelCore.FOREVER, ONLY_B));
      receiver.awaitParked();
      Started<Boolean> sender = start("sender", () -> c.send("a", ChannelCore.FOREVER));
      failure(receiver, ClassCastException.class);
      if (capacity == 0) {
        sender.awaitParked(); // a refused rendezvous item is still waiting to be received
        assertFalse(sender.result().isDone());
      }
      assertEquals("a", c.recv(ChannelCore.FOREVER));
      assertEquals(true, outcome(sender));
    }
  }

  @Test
  void theGateSeesItemsInOrder() throws Exception {
    ChannelCore<String> c = core(4);
    for (String s : List.of("b1", "b2", "b3")) {
      c.send(s, 0);
    }
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      c.recv(0, seen::append);
    }
    assertEquals("b1b2b3", seen.toString());
  }
}
