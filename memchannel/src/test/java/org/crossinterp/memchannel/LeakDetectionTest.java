package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.await;
import static org.crossinterp.memchannel.TestSupport.awaitGc;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.LeakDetector.LeakReport;
import org.crossinterp.LeakDetector.Level;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Views dropped without release: the garbage collector releases them (nothing stays pinned),
 * and the leak detector counts and reports them, with the creation site at PARANOID.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LeakDetectionTest {
  private Level saved;
  private final List<LeakReport> reports = new CopyOnWriteArrayList<>();
  private LeakDetector.Registration registration;

  @BeforeEach
  void listen() {
    saved = LeakDetector.level();
    registration = LeakDetector.addListener(reports::add);
  }

  @AfterEach
  void restore() {
    registration.close();
    LeakDetector.setLevel(saved);
  }

  private List<LeakReport> reportsFrom(Interpreter origin) {
    return reports.stream().filter(r -> r.origin() == origin).toList();
  }

  /** Receives a view in a frame that ends here, so that nothing keeps it reachable. */
  private static void dropOneView(MemChannel ch) throws InterruptedException {
    CrossInterpreterView v = ch.recv();
    assertTrue(v.byteSize() >= 0);
  }

  /** Makes a share and a slice of a received view and drops them; releases the view itself. */
  private static void dropSharesOf(MemChannel ch) throws InterruptedException {
    try (CrossInterpreterView v = ch.recv()) {
      v.share();
      v.slice(1, 2);
    }
  }

  @Test
  void aDroppedViewIsReleasedByTheGarbageCollectorCountedAndReported() throws Exception {
    try (Interpreter a = Interpreter.create("leaky")) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(TestSupport.tagged(1, 16));
      sendFrom(a, ch, e);
      long before = LeakDetector.leakCount();
      long viewsBefore = LeakDetector.leakCount(LeakDetector.Kind.VIEW);
      dropOneView(ch);
      assertEquals(1, a.liveShares());
      awaitGc(() -> "the dropped view was never released", () -> e.releases.get() == 1);
      e.assertBalanced();
      assertEquals(List.of(a), e.releasedIn, "a collected view is released in its origin too");
      assertNoLiveShares(a);
      assertTrue(LeakDetector.leakCount() >= before + 1, "the leak was not counted");
      assertTrue(
          LeakDetector.leakCount(LeakDetector.Kind.VIEW) >= viewsBefore + 1,
          "the leak was not counted as a view");
      await(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
      LeakReport r = reportsFrom(a).get(0);
      assertEquals(LeakDetector.Kind.VIEW, r.kind());
      assertEquals(a, r.origin());
      assertTrue(r.resource().contains("CrossInterpreterView of 16 bytes"), r.resource());
      assertTrue(r.message().contains("LEAK"), r.message());
      assertTrue(r.message().contains("leaky"), "names the origin: " + r.message());
      assertTrue(r.message().contains("release()"), "names the fix: " + r.message());
    }
  }

  @Test
  void droppedSharesAndSlicesKeepTheExportUntilCollected() throws Exception {
    try (Interpreter a = Interpreter.create("leaky-shares")) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(2);
      sendFrom(a, ch, e);
      dropSharesOf(ch);
      awaitGc(() -> "dropped shares were never released", () -> e.releases.get() == 1);
      e.assertBalanced();
      assertNoLiveShares(a);
      await(() -> "reports " + reports, () -> reportsFrom(a).size() == 2);
      assertEquals(
          List.of(false, true),
          reportsFrom(a).stream().map(r -> r.resource().contains("16 bytes")).sorted().toList(),
          "one report for the share (16 bytes) and one for the slice (2 bytes)");
    }
  }

  @Test
  void paranoidRecordsWhereTheLeakedViewWasCreated() throws Exception {
    LeakDetector.setLevel(Level.PARANOID);
    assertEquals(Level.PARANOID, LeakDetector.level());
    try (Interpreter a = Interpreter.create("paranoid")) {
      MemChannel ch = MemChannel.create();
      sendFrom(a, ch, new byte[8]);
      dropOneView(ch);
      awaitGc(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
      LeakReport r = reportsFrom(a).get(0);
      assertNotNull(r.creationSite(), "PARANOID records every creation site");
      assertTrue(
          Arrays.stream(r.creationSite()).anyMatch(f -> f.getMethodName().equals("dropOneView")),
          Arrays.toString(r.creationSite()));
      assertTrue(r.message().contains("created at"), r.message());
      assertTrue(r.message().contains("dropOneView"), r.message());
      assertNoLiveShares(a);
    }
  }

  @Test
  void simpleSaysWhichLevelShowsTheCreationSite() throws Exception {
    LeakDetector.setLevel(Level.SIMPLE);
    try (Interpreter a = Interpreter.create("simple")) {
      MemChannel ch = MemChannel.create();
      sendFrom(a, ch, new byte[8]);
      dropOneView(ch);
      awaitGc(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
      LeakReport r = reportsFrom(a).get(0);
      if (r.creationSite() == null) {
        assertTrue(r.message().contains("-Dcrossinterp.leakDetection=PARANOID"), r.message());
      } else { // sampled: one share in 128 records its site at SIMPLE
        assertTrue(r.message().contains("created at"), r.message());
      }
      assertNoLiveShares(a);
    }
  }

  @Test
  void disabledStillReleasesAndCountsButDoesNotReport() throws Exception {
    LeakDetector.setLevel(Level.DISABLED);
    try (Interpreter a = Interpreter.create("quiet")) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(3);
      sendFrom(a, ch, e);
      long before = LeakDetector.leakCount();
      dropOneView(ch);
      awaitGc(() -> "the dropped view was never released", () -> e.releases.get() == 1);
      assertTrue(LeakDetector.leakCount() >= before + 1);
      assertEquals(List.of(), reportsFrom(a));
      assertNoLiveShares(a);
    }
  }

  @Test
  void releasedViewsAreNeverReported() throws Exception {
    try (Interpreter clean = Interpreter.create("clean");
        Interpreter sentinel = Interpreter.create("sentinel")) {
      MemChannel ch = MemChannel.create();
      for (int i = 0; i < 50; i++) {
        sendFrom(clean, ch, new byte[4]);
        ch.recv().release();
      }
      sendFrom(sentinel, ch, new byte[4]);
      dropOneView(ch);
      awaitGc(() -> "sentinel leak never reported", () -> reportsFrom(sentinel).size() == 1);
      assertEquals(List.of(), reportsFrom(clean));
      assertNoLiveShares(clean, sentinel);
    }
  }

  @Test
  void listenersMayFailAndMayBeRemoved() throws Exception {
    List<LeakReport> removedListener = new CopyOnWriteArrayList<>();
    LeakDetector.Registration failing =
        LeakDetector.addListener(
            r -> {
              throw new IllegalStateException("listener bug");
            });
    LeakDetector.Registration removed = LeakDetector.addListener(removedListener::add);
    removed.close();
    removed.close(); // idempotent
    try (Interpreter a = Interpreter.create("listeners")) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(4);
      sendFrom(a, ch, e);
      dropOneView(ch);
      awaitGc(() -> "never released", () -> e.releases.get() == 1);
      await(() -> "other listeners still told", () -> reportsFrom(a).size() == 1);
      assertTrue(removedListener.stream().noneMatch(r -> r.origin() == a));
      assertNoLiveShares(a);
    } finally {
      failing.close();
    }
    assertThrows(NullPointerException.class, () -> LeakDetector.addListener(null));
    assertThrows(NullPointerException.class, () -> LeakDetector.setLevel(null));
  }

  @Test
  void theTotalCountIsTheSumOfTheKinds() {
    // counts only grow, and leaks of earlier tests may still be counted meanwhile: the kinds
    // read between two totals add up to something between them
    long first = LeakDetector.leakCount();
    long sum = 0;
    for (LeakDetector.Kind k : LeakDetector.Kind.values()) {
      sum += LeakDetector.leakCount(k);
    }
    long last = LeakDetector.leakCount();
    assertTrue(first <= sum && sum <= last, first + " <= " + sum + " <= " + last);
    assertThrows(NullPointerException.class, () -> LeakDetector.leakCount(null));
  }

  @Test
  void theInitialLevelComesFromTheSystemProperty() {
    String p = System.getProperty("crossinterp.leakDetection");
    Level expected = p == null ? Level.SIMPLE : Level.valueOf(p.trim().toUpperCase());
    assertEquals(expected, saved);
  }

  /** Sends into a channel that is dropped at once, with the item still in it. */
  private static void sendIntoADroppedChannel(Interpreter a, Object item, UnboundPolicy p)
      throws Exception {
    MemChannel ch = MemChannel.builder().unboundPolicy(p).build();
    sendFrom(a, ch, item);
  }

  @Test
  void aChannelDroppedWithItemsReleasesThem() throws Exception {
    try (Interpreter a = Interpreter.create("dropped-channel")) {
      CountingExporter e1 = new CountingExporter(5);
      CountingExporter e2 = new CountingExporter(6);
      sendIntoADroppedChannel(a, e1, UnboundPolicy.DELIVER);
      sendIntoADroppedChannel(a, e2, UnboundPolicy.REMOVE);
      sendIntoADroppedChannel(a, new byte[3], UnboundPolicy.ERROR);
      assertEquals(3, a.liveShares());
      awaitGc(
          () -> "items of dropped channels still pin " + a.liveShares(),
          () -> a.liveShares() == 0);
      e1.assertBalanced();
      e2.assertBalanced();
      assertEquals(List.of(a), e1.releasedIn);
    }
  }
}
