package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.crossinterp.memchannel.TestSupport.tagOf;
import static org.crossinterp.memchannel.TestSupport.tagged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thread waiting in a channel gives back its interpreter's lock, as a blocking call releases
 * the GIL: other threads can call into that interpreter meanwhile. Without it these tests
 * deadlock, and the watchdog fails them.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitReleasesInterpreterTest {

  private static long recvTag(MemChannel ch) throws InterruptedException {
    try (CrossInterpreterView v = ch.recv()) {
      return tagOf(v);
    }
  }

  @Test
  void aReceiverWaitingInsideXDoesNotBlockCallsIntoX() throws Exception {
    try (Interpreter x = Interpreter.create("x")) {
      MemChannel ch = MemChannel.create();
      Started<Long> receiver = start("receiver-in-x", () -> x.call(() -> recvTag(ch)));
      receiver.awaitParked();
      assertEquals(x, x.call(Interpreter::current), "a call into x was blocked by the waiter");
      assertFalse(receiver.result().isDone());
      sendFrom(x, ch, tagged(1, 8)); // and the sender may be in x as well
      assertEquals(1, outcome(receiver));
      assertNoLiveShares(x);
    }
  }

  @Test
  void aTimedReceiverWaitingInsideXDoesNotBlockCallsIntoX() throws Exception {
    try (Interpreter x = Interpreter.create("x")) {
      MemChannel ch = MemChannel.create(4);
      Started<CrossInterpreterView> receiver =
          start("timed-receiver-in-x", () -> x.call(() -> ch.recv(java.time.Duration.ofSeconds(60))));
      receiver.awaitParked();
      assertEquals(x, x.call(Interpreter::current));
      sendFrom(x, ch, tagged(2, 8));
      try (CrossInterpreterView v = outcome(receiver)) {
        assertEquals(2, tagOf(v));
      }
      assertNoLiveShares(x);
    }
  }

  @Test
  void aSenderWaitingForRoomInsideXDoesNotBlockCallsIntoX() throws Exception {
    try (Interpreter x = Interpreter.create("x")) {
      MemChannel ch = MemChannel.create(1);
      sendFrom(x, ch, tagged(1, 8));
      Started<Void> sender =
          start(
              "sender-in-x",
              () -> {
                sendFrom(x, ch, tagged(2, 8));
                return null;
              });
      sender.awaitParked();
      assertEquals(1, x.call(() -> recvTag(ch)), "the receiver in x was blocked by the sender");
      outcome(sender);
      assertEquals(2, x.call(() -> recvTag(ch)));
      assertNoLiveShares(x);
    }
  }

  @Test
  void bothEndsOfARendezvousMayBeInTheSameInterpreter() throws Exception {
    try (Interpreter x = Interpreter.create("x")) {
      MemChannel ch = MemChannel.create(0);
      Started<Void> sender =
          start(
              "rendezvous-sender-in-x",
              () -> {
                sendFrom(x, ch, tagged(3, 8));
                return null;
              });
      sender.awaitParked();
      assertEquals(3, x.call(() -> recvTag(ch)));
      outcome(sender);
      assertNoLiveShares(x);
    }
  }

  @Test
  void releasesIntoAnInterpreterWhoseThreadWaitsRunAtOnce() throws Exception {
    try (Interpreter x = Interpreter.create("x"); Interpreter y = Interpreter.create("y")) {
      MemChannel data = MemChannel.create();
      MemChannel idle = MemChannel.create();
      CountingExporter e = new CountingExporter(4);
      sendFrom(x, data, e);
      CrossInterpreterView v = y.call(data::recv);
      Started<CrossInterpreterView> waiter = start("waiter-in-x", () -> x.call(idle::recv));
      waiter.awaitParked();
      y.run(v::release);
      e.assertBalanced(); // would wait for the waiter to leave x if it held x's lock
      assertEquals(x, e.releasedIn.get(0));
      idle.close();
      TestSupport.failure(waiter, org.crossinterp.ChannelClosedException.class);
      assertNoLiveShares(x, y);
    }
  }

  @Test
  void aWaitInANestedCallReleasesEveryInterpreterOnTheStack() throws Exception {
    try (Interpreter x = Interpreter.create("x"); Interpreter y = Interpreter.create("y")) {
      MemChannel ch = MemChannel.create();
      Started<Long> receiver =
          start("nested-receiver", () -> x.call(() -> y.call(() -> recvTag(ch))));
      receiver.awaitParked();
      assertEquals(x, x.call(Interpreter::current));
      assertEquals(y, y.call(Interpreter::current));
      sendFrom(y, ch, tagged(5, 8));
      assertEquals(5, outcome(receiver));
      assertNoLiveShares(x, y);
    }
  }
}
