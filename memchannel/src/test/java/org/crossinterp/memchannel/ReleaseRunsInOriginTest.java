package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.outcome;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BufferExporter#releaseExport} runs in the sending interpreter even when the release is
 * a pending call drained by another thread that is entering and leaving that interpreter. A
 * race, so the scenario is repeated: each round gives the fault many chances to show.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReleaseRunsInOriginTest {
  private static final int ROUNDS = 5;
  private static final int RELEASES = 20_000;

  @Test
  void releasesDrainedByAThreadLeavingTheOriginStillRunInIt() throws Exception {
    try (Interpreter a = Interpreter.create("origin"); Interpreter b = Interpreter.create("other")) {
      for (int round = 0; round < ROUNDS; round++) {
        CountingExporter e = new CountingExporter(TestSupport.tagged(round, 8));
        List<CrossInterpreterView> views = sendAndReceive(a, e);
        // One thread keeps entering and leaving the origin (from inside b), so that releases
        // find its lock taken and are left to it as pending calls.
        AtomicBoolean busy = new AtomicBoolean(true);
        Started<Integer> occupant =
            start(
                "occupant",
                () ->
                    b.call(
                        () -> {
                          int calls = 0;
                          while (busy.get()) {
                            a.call(() -> null);
                            calls++;
                          }
                          return calls;
                        }));
        // Two releasing threads, so that releases often arrive while the occupant leaves.
        int half = RELEASES / 2;
        Started<Void> releaser =
            start(
                "releaser",
                () -> {
                  views.subList(half, RELEASES).forEach(CrossInterpreterView::release);
                  return null;
                });
        views.subList(0, half).forEach(CrossInterpreterView::release);
        outcome(releaser);
        busy.set(false);
        outcome(occupant);
        e.assertBalanced();
        Map<String, Long> where =
            e.releasedIn.stream()
                .collect(Collectors.groupingBy(Interpreter::name, Collectors.counting()));
        assertEquals(
            Map.of("origin", (long) RELEASES),
            where,
            "round " + round + ": releaseExport ran outside its origin (Interpreter.current())");
        assertNoLiveShares(a, b);
      }
    }
  }

  private static List<CrossInterpreterView> sendAndReceive(Interpreter a, CountingExporter e)
      throws Exception {
    MemChannel ch = MemChannel.create();
    a.call(
        () -> {
          for (int i = 0; i < RELEASES; i++) {
            ch.send(e);
          }
          return null;
        });
    List<CrossInterpreterView> views = new ArrayList<>(RELEASES);
    for (int i = 0; i < RELEASES; i++) {
      views.add(ch.tryRecv());
    }
    return views;
  }
}
