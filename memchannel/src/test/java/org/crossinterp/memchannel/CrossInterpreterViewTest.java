package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.await;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.crossinterp.memchannel.TestSupport.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.TestSupport.CountingExporter;
import org.crossinterp.memchannel.TestSupport.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link CrossInterpreterView}: shares and slices are independent, release is idempotent, and
 * the exporter's release runs exactly once, in the origin, after the last view of a send.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrossInterpreterViewTest {

  private static MemorySegment bytes(int n) {
    byte[] a = new byte[n];
    for (int i = 0; i < n; i++) {
      a[i] = (byte) i;
    }
    return MemorySegment.ofArray(a);
  }

  @Test
  void sharesAndSlicesAreIndependentAndTheLastReleaseEndsTheExport() throws Exception {
    try (Interpreter a = Interpreter.create("origin"); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(16));
      sendFrom(a, ch, e);
      CrossInterpreterView v = recvIn(b, ch);
      CrossInterpreterView s = v.share();
      CrossInterpreterView sl = v.slice(4, 8);
      CrossInterpreterView slsl = sl.slice(2, 3);
      assertNotSame(v, s);
      assertEquals(16, s.byteSize());
      assertEquals(8, sl.byteSize());
      assertArrayEquals(new byte[] {4, 5, 6, 7, 8, 9, 10, 11}, sl.toByteArray());
      assertArrayEquals(new byte[] {6, 7, 8}, slsl.toByteArray());
      assertEquals(a, sl.origin());
      assertTrue(sl.segment().isReadOnly());
      assertEquals(1, a.liveShares(), "views of one send pin it once");

      List<CrossInterpreterView> all = new ArrayList<>(List.of(v, s, sl, slsl));
      Collections.shuffle(all);
      for (int i = 0; i < all.size(); i++) {
        CrossInterpreterView x = all.get(i);
        x.release();
        assertTrue(x.isReleased());
        for (CrossInterpreterView other : all.subList(i + 1, all.size())) {
          assertFalse(other.isReleased(), "releasing one view released another");
          other.segment().get(ValueLayout.JAVA_BYTE, 0); // still readable
        }
        if (i < all.size() - 1) {
          assertEquals(0, e.releases.get(), "releaseExport ran before the last view was released");
          assertEquals(1, a.liveShares());
        }
      }
      e.assertBalanced();
      assertEquals(1, e.releases.get());
      assertEquals(List.of(a), e.releasedIn, "releaseExport must run in the origin interpreter");
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void releaseIsIdempotentAndCloseIsRelease() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(4));
      sendFrom(a, ch, e);
      sendFrom(a, ch, e);
      CrossInterpreterView v1 = ch.recv();
      CrossInterpreterView v2 = ch.recv();
      CrossInterpreterView keep = v1.share();
      v1.release();
      v1.release();
      v1.close();
      assertFalse(keep.isReleased());
      assertEquals(0, e.releases.get(), "a repeated release dropped another view's reference");
      keep.close();
      assertEquals(1, e.releases.get());
      try (v2) {
        assertFalse(v2.isReleased());
      }
      assertTrue(v2.isReleased());
      v2.release();
      e.assertBalanced();
      assertEquals(2, e.releases.get());
      assertNoLiveShares(a);
    }
  }

  @Test
  void aReleasedViewRefusesUseWithAHelpfulMessage() throws Exception {
    try (Interpreter a = Interpreter.create("src")) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(8));
      sendFrom(a, ch, e);
      CrossInterpreterView v = ch.recv();
      v.release();
      List<Executable> uses =
          List.of(v::segment, v::asByteBuffer, v::share, () -> v.slice(0, 1), v::toByteArray);
      for (Executable use : uses) {
        IllegalStateException x = assertThrows(IllegalStateException.class, use);
        assertTrue(x.getMessage().contains("released"), x.getMessage());
        assertTrue(x.getMessage().contains("share()"), "names the fix: " + x.getMessage());
      }
      // Still answers what it was.
      assertEquals(8, v.byteSize());
      assertEquals(a, v.origin());
      assertTrue(v.toString().contains("released"), v.toString());
      assertEquals(1, e.releases.get(), "failed uses must not retain or release anything");
      assertNoLiveShares(a);
    }
  }

  @Test
  void sliceOutOfRangeThrowsAndRetainsNothing() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(10));
      sendFrom(a, ch, e);
      CrossInterpreterView v = ch.recv();
      long[][] bad = {{-1, 1}, {0, -1}, {0, 11}, {10, 1}, {11, 0}, {5, Long.MAX_VALUE}, {Long.MAX_VALUE, 1}};
      for (long[] r : bad) {
        IndexOutOfBoundsException x =
            assertThrows(IndexOutOfBoundsException.class, () -> v.slice(r[0], r[1]));
        assertTrue(x.getMessage().contains("10 bytes"), x.getMessage());
      }
      // The edges are fine.
      v.slice(10, 0).release();
      v.slice(0, 10).release();
      v.release();
      assertEquals(1, e.releases.get(), "a refused slice retained the export");
      assertNoLiveShares(a);
    }
  }

  @Test
  void releaseExportWaitsForTheOriginAndRunsInIt() throws Exception {
    try (Interpreter a = Interpreter.create("busy-origin"); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(4));
      sendFrom(a, ch, e);
      CrossInterpreterView v = recvIn(b, ch);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch leave = new CountDownLatch(1);
      Started<Object> occupant =
          start(
              "occupant",
              () ->
                  a.call(
                      () -> {
                        inside.countDown();
                        leave.await();
                        return null;
                      }));
      assertTrue(inside.await(20, TimeUnit.SECONDS));
      // The releasing thread is not blocked by the busy origin; the release waits for it.
      b.run(v::release);
      assertTrue(v.isReleased());
      assertEquals(0, e.releases.get(), "releaseExport ran while another thread was inside the origin");
      assertEquals(1, a.liveShares());
      leave.countDown();
      occupant.result().get(20, TimeUnit.SECONDS);
      e.assertBalanced();
      assertEquals(List.of(a), e.releasedIn);
      assertEquals(
          List.of(occupant.thread()), e.releaseThreads, "the thread leaving the origin runs it");
      assertNoLiveShares(a);
    }
  }

  @Test
  void releaseExportOfADedicatedThreadOriginRunsOnItsThread() throws Exception {
    try (Interpreter d = Interpreter.builder().name("dedicated").dedicatedThread(true).build();
        Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(4));
      Thread dThread = d.call(Thread::currentThread);
      sendFrom(d, ch, e);
      recvIn(b, ch).release();
      e.assertBalanced();
      assertEquals(List.of(d), e.acquiredIn);
      assertEquals(List.of(d), e.releasedIn);
      assertEquals(List.of(dThread), e.releaseThreads);
      assertNoLiveShares(d, b);
    }
  }

  @Test
  void viewsMayBeReleasedFromAnyThread() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(4));
      sendFrom(a, ch, e);
      CrossInterpreterView v = ch.recv();
      List<CrossInterpreterView> views = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        views.add(i % 2 == 0 ? v.share() : v.slice(1, 2));
      }
      v.release();
      List<Started<Void>> threads = new ArrayList<>();
      for (CrossInterpreterView x : views) {
        threads.add(
            start(
                "releaser",
                () -> {
                  x.release();
                  x.release();
                  return null;
                }));
      }
      for (Started<Void> t : threads) {
        t.result().get(20, TimeUnit.SECONDS);
      }
      e.assertBalanced();
      assertEquals(1, e.releases.get());
      assertEquals(List.of(a), e.releasedIn);
      assertNoLiveShares(a);
    }
  }

  @Test
  void shareRacingWithReleaseNeverRevivesAnEndedExport() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      CountingExporter e = new CountingExporter(bytes(4));
      for (int round = 0; round < 200; round++) {
        sendFrom(a, ch, e);
        CrossInterpreterView v = ch.recv();
        CountDownLatch go = new CountDownLatch(1);
        Started<CrossInterpreterView> sharer =
            start(
                "sharer",
                () -> {
                  go.await();
                  try {
                    return v.share();
                  } catch (IllegalStateException released) {
                    return null;
                  }
                });
        go.countDown();
        v.release();
        CrossInterpreterView s = sharer.result().get(20, TimeUnit.SECONDS);
        if (s != null) {
          s.segment().get(ValueLayout.JAVA_BYTE, 0);
          s.release();
        }
      }
      e.assertBalanced();
      assertEquals(200, e.releases.get());
      assertNoLiveShares(a);
    }
  }

  @Test
  void asByteBufferAndToStringDescribeTheMemory() throws Exception {
    try (Interpreter a = Interpreter.create("desc")) {
      MemChannel ch = MemChannel.create();
      sendFrom(a, ch, new byte[] {9, 8, 7});
      try (CrossInterpreterView v = ch.recv()) {
        assertEquals(3, v.asByteBuffer().remaining());
        assertEquals(7, v.asByteBuffer().get(2));
        assertTrue(v.toString().contains("3 bytes"), v.toString());
        assertTrue(v.toString().contains("desc"), v.toString());
      }
      assertNoLiveShares(a);
    }
  }

  @Test
  void pendingReleaseDoesNotCountUntilTheOriginRuns() throws Exception {
    // Each send counts once in the origin; plain memory is uncounted at once on release.
    try (Interpreter a = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      for (int i = 0; i < 5; i++) {
        sendFrom(a, ch, new byte[] {(byte) i});
      }
      assertEquals(5, a.liveShares());
      for (int i = 4; i >= 0; i--) {
        ch.recv().release();
        assertEquals(i, a.liveShares());
      }
      await(() -> "live shares", () -> a.liveShares() == 0);
    }
  }
}
