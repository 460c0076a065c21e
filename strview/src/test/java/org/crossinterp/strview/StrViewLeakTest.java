package org.crossinterp.strview;

import static org.crossinterp.strview.CrossInterpreterStrViewTest.sendUnchecked;
import static org.crossinterp.strview.CrossInterpreterStrViewTest.uncheckedRecv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.LeakDetector.Kind;
import org.crossinterp.LeakDetector.LeakReport;
import org.crossinterp.LeakDetector.Level;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The buffer {@link StrView#encode} made, dropped without release: the garbage collector closes
 * it (nothing stays pinned), and the leak detector counts and reports it as it does a dropped
 * view: its kind, its origin, where it was encoded (at PARANOID, and sampled at SIMPLE) and, at
 * PARANOID, where it was sent from. Every test ends with a leak check ({@code liveShares()}).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StrViewLeakTest {
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

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

  /** Encodes {@code text} in {@code in} and drops the StrView; returns its memory, to watch. */
  private static MemorySegment dropEncoded(Interpreter in, String text) throws Exception {
    StrView v = in.call(() -> StrView.encode(text));
    return v.bytes();
  }

  /** Encodes in {@code in}, sends it over {@code ch}, and drops the sender's StrView. */
  private static MemorySegment encodeSendAndDrop(Interpreter in, MemChannel ch) throws Exception {
    return in.call(
        () -> {
          StrView v = StrView.encode("sent, then dropped");
          sendUnchecked(ch, v);
          return v.bytes();
        });
  }

  /** Encodes in {@code in}, releases the StrView and drops a slice of it. */
  private static MemorySegment dropSlice(Interpreter in) throws Exception {
    return in.call(
        () -> {
          StrView v = StrView.encode("parent and slice");
          MemorySegment memory = v.bytes();
          v.slice(0, 6).length();
          v.release();
          return memory;
        });
  }

  @Test
  void aDroppedEncodedStrViewIsFreedCountedAndReported() throws Exception {
    try (Interpreter a = Interpreter.create("encoder")) {
      long before = LeakDetector.leakCount(Kind.STRVIEW_BUFFER);
      MemorySegment memory = dropEncoded(a, "dropped");
      awaitGc(() -> "the buffer was never closed", () -> !memory.scope().isAlive());
      awaitGc(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
      LeakReport r = reportsFrom(a).get(0);
      assertEquals(Kind.STRVIEW_BUFFER, r.kind());
      assertEquals(a, r.origin());
      assertTrue(r.resource().contains("StrView.encode buffer of 7 bytes"), r.resource());
      assertTrue(r.message().contains("LEAK"), r.message());
      assertTrue(r.message().contains("encoder"), "names the origin: " + r.message());
      assertTrue(r.message().contains("release()"), "names the fix: " + r.message());
      if (r.creationSite() == null) { // one share in 128 records its site at SIMPLE
        assertTrue(r.message().contains("-Dcrossinterp.leakDetection=PARANOID"), r.message());
      }
      assertTrue(LeakDetector.leakCount(Kind.STRVIEW_BUFFER) >= before + 1, "not counted");
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void paranoidNamesWhereTheTextWasEncodedAndWhereItWasSent() throws Exception {
    LeakDetector.setLevel(Level.PARANOID);
    try (Interpreter a = Interpreter.create("paranoid-encoder");
        Interpreter b = Interpreter.create("reader")) {
      MemChannel ch = MemChannel.create();
      MemorySegment memory = encodeSendAndDrop(a, ch);
      b.run(
          () -> {
            try (StrView got = StrView.of(uncheckedRecv(ch))) {
              assertEquals("sent, then dropped", got.toString());
            }
          });
      awaitGc(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
      LeakReport r = reportsFrom(a).get(0);
      assertEquals(Kind.STRVIEW_BUFFER, r.kind());
      assertNotNull(r.creationSite(), "PARANOID records every creation site");
      assertTrue(
          Arrays.stream(r.creationSite())
              .anyMatch(f -> f.getMethodName().contains("encodeSendAndDrop")),
          Arrays.toString(r.creationSite()));
      assertTrue(r.message().contains("created at"), r.message());
      assertTrue(r.message().contains("Touched (exported for a send)"), r.message());
      awaitGc(() -> "the buffer was never closed", () -> !memory.scope().isAlive());
      assertEquals(0, a.liveShares());
      assertEquals(0, b.liveShares());
    }
  }

  @Test
  void aDroppedSliceIsReportedOnItsOwn() throws Exception {
    try (Interpreter a = Interpreter.create("slicer")) {
      MemorySegment memory = dropSlice(a);
      awaitGc(() -> "the slice's buffer was never closed", () -> !memory.scope().isAlive());
      awaitGc(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
      assertEquals(Kind.STRVIEW_BUFFER, reportsFrom(a).get(0).kind());
      assertEquals(0, a.liveShares());
    }
  }

  @Test
  void releasedEncodedTextIsNeverReported() throws Exception {
    try (Interpreter clean = Interpreter.create("clean");
        Interpreter sentinel = Interpreter.create("sentinel")) {
      clean.run(
          () -> {
            for (int i = 0; i < 50; i++) {
              StrView v = StrView.encode("released " + i);
              v.slice(0, 4).release();
              v.release();
            }
          });
      dropEncoded(sentinel, "sentinel");
      awaitGc(() -> "sentinel leak never reported", () -> reportsFrom(sentinel).size() == 1);
      assertEquals(List.of(), reportsFrom(clean));
      assertEquals(0, clean.liveShares());
      assertEquals(0, sentinel.liveShares());
    }
  }

  @Test
  void aDroppedEncodedStrViewIsRecordedAsLeakDetected() throws Exception {
    try (Interpreter a = Interpreter.create("jfr-encoder")) {
      Path file = Files.createTempFile("crossinterp", ".jfr");
      try (Recording recording = new Recording()) {
        recording.enable("org.crossinterp.LeakDetected");
        recording.start();
        dropEncoded(a, "recorded");
        awaitGc(() -> "no report: " + reports, () -> reportsFrom(a).size() == 1);
        recording.stop();
        recording.dump(file);
        List<RecordedEvent> events =
            RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("org.crossinterp.LeakDetected"))
                .filter(e -> e.getLong("originId") == a.id())
                .toList();
        assertEquals(1, events.size(), "one leak recorded");
        assertEquals("STRVIEW_BUFFER", events.get(0).getString("kind"));
        assertTrue(events.get(0).getString("resource").contains("StrView.encode buffer"));
      } finally {
        Files.deleteIfExists(file);
      }
      assertEquals(0, a.liveShares());
    }
  }

  /** Waits until {@code done}, collecting garbage between checks; a watchdog, not a timing. */
  private static void awaitGc(Supplier<String> what, BooleanSupplier done)
      throws InterruptedException {
    long start = System.nanoTime();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - start > DEADLINE_NANOS) {
        fail("still not done after the deadline: " + what.get());
      }
      System.gc();
      Thread.sleep(10);
    }
  }
}
