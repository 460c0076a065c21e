package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.RulesTestSupport.dedicated;
import static org.crossinterp.RulesTestSupport.stackOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} of a dedicated-thread interpreter is atomic with submission (DESIGN.md section
 * 1): a task offered concurrently with close either runs or fails with {@link
 * InterpreterClosedException}; no caller waits forever.
 */
class CloseRaceTest {

  /** What one racing caller ended with. */
  private record Caller(String what, Thread thread, CompletableFuture<Object> outcome) {}

  private static Caller start(String what, boolean virtual, Interpreter d, boolean submit) {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Runnable body =
        () -> {
          try {
            spin();
            if (submit) {
              CompletableFuture<Integer> f = d.submit(() -> 1);
              try {
                outcome.complete(f.get());
              } catch (ExecutionException e) {
                outcome.complete(e.getCause());
              }
            } else {
              outcome.complete(d.call(() -> 1));
            }
          } catch (Throwable e) {
            outcome.complete(e);
          }
        };
    Thread t =
        virtual
            ? Thread.ofVirtual().name(what).start(body)
            : Thread.ofPlatform().daemon(true).name(what).start(body);
    return new Caller(what, t, outcome);
  }

  /** A few random microseconds, so that callers and close meet at many different points. */
  private static void spin() {
    int n = ThreadLocalRandom.current().nextInt(200);
    for (int i = 0; i < n; i++) {
      Thread.onSpinWait();
    }
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aCallOrSubmitRacingCloseReturnsOrFailsClosedNeverHangs() throws Exception {
    // The window is a few instructions wide: run many rounds (a slow machine runs fewer), and stop
    // early once a caller of a round closed long ago is still waiting.
    int iterations = 6000;
    long budget = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<Caller> callers = new ArrayList<>();
    List<Interpreter> created = new ArrayList<>();
    int checked = 0; // callers[0, checked) are done
    int lastCheckEnd = 0; // callers[0, lastCheckEnd) were started before the last check
    long checkedAt = System.nanoTime();
    for (int i = 0; i < iterations && System.nanoTime() < budget; i++) {
      if (i % 250 == 0 && System.nanoTime() - checkedAt > TimeUnit.SECONDS.toNanos(2)) {
        // callers started before the previous check had 2 s to end after their close()
        int upTo = callers.size();
        while (checked < upTo && callers.get(checked).outcome().isDone()) {
          checked++;
        }
        if (checked < lastCheckEnd) {
          break; // one is stuck: report it below
        }
        lastCheckEnd = upTo;
        checkedAt = System.nanoTime();
      }
      Interpreter d = dedicated("race-" + i);
      created.add(d);
      for (int k = 0; k < 2; k++) {
        boolean virtual = (i + k) % 2 == 1;
        callers.add(start("call racing close #" + i + "." + k, virtual, d, false));
        callers.add(start("submit racing close #" + i + "." + k, virtual, d, true));
      }
      spin();
      d.close();
    }
    // every caller must be done by now or very soon: a bounded wait for all of them together
    long end = System.nanoTime() + RulesTestSupport.BOUND.toNanos();
    List<Caller> stuck = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Caller c : callers) {
      long left = Math.max(0, end - System.nanoTime());
      Object o;
      try {
        o = c.outcome().get(left, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        stuck.add(c);
        continue;
      }
      if (o instanceof CompletionException ce) {
        o = ce.getCause();
      }
      if (!(Integer.valueOf(1).equals(o) || o instanceof InterpreterClosedException)) {
        wrong.add(c.what() + " ended with " + o);
      }
    }
    if (!stuck.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(stuck.size())
          .append(" of ")
          .append(callers.size())
          .append(" callers racing close() still wait; the first:\n")
          .append(stackOf(stuck.get(0).thread()));
      stuck.stream().limit(10).forEach(c -> sb.append("  ").append(c.what()).append('\n'));
      fail(sb.toString());
    }
    assertEquals(
        List.of(), wrong, "callers racing close() must get 1 or InterpreterClosedException");
    for (Interpreter d : created) {
      assertNoLeaks(d);
    }
  }
}
