package org.crossinterp.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.Test;

/** crossinterp's Flight Recorder events are emitted with their fields when enabled. */
class JfrEventsTest {

  private static List<RecordedEvent> record(String eventName, ThrowingRunnable work)
      throws Exception {
    Path file = Files.createTempFile("crossinterp", ".jfr");
    try (Recording r = new Recording()) {
      r.enable(eventName).withThreshold(java.time.Duration.ZERO);
      r.start();
      work.run();
      r.stop();
      r.dump(file);
      return RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals(eventName))
          .toList();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void interpreterSwitchNamesTheInterpreter() throws Exception {
    try (Interpreter a = Interpreter.create("jfr-switch")) {
      List<RecordedEvent> events =
          record("org.crossinterp.InterpreterSwitch", () -> a.call(() -> 1));
      assertFalse(events.isEmpty(), "no switch event recorded");
      assertTrue(events.stream().anyMatch(e -> e.getLong("interpreterId") == a.id()
          && "jfr-switch".equals(e.getString("interpreterName"))));
    }
  }

  @Test
  void hotPathEventsAreOffUnlessARecordingAsksForThem() throws Exception {
    try (Interpreter a = Interpreter.create("jfr-off")) {
      Path file = Files.createTempFile("crossinterp", ".jfr");
      try (Recording r = new Recording()) {
        r.start(); // default settings: the hot-path events are @Enabled(false)
        a.call(() -> 1);
        r.stop();
        r.dump(file);
        assertEquals(0, RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("org.crossinterp.InterpreterSwitch"))
            .count());
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  @Test
  void channelTransfersCarryTheQueueSize() throws Exception {
    MemChannel ch = MemChannel.builder().name("jfr-channel").build();
    List<RecordedEvent> events =
        record("org.crossinterp.ChannelTransfer", () -> {
          ch.send(new byte[] {1});
          ch.send(new byte[] {2});
          try (CrossInterpreterView v = ch.recv()) {
            v.byteSize();
          }
          ch.recv().release();
        });
    assertEquals(4, events.size(), "two sends and two receives");
    RecordedEvent secondSend = events.get(1);
    assertEquals("send", secondSend.getString("operation"));
    assertEquals(2, secondSend.getInt("queueSize"));
    assertEquals("jfr-channel", secondSend.getString("channelName"));
    assertEquals("recv", events.get(3).getString("operation"));
    assertEquals(0, events.get(3).getInt("queueSize"));
  }

  @Test
  void shareReleasesNameTheirOrigin() throws Exception {
    try (Interpreter a = Interpreter.create("jfr-origin")) {
      MemChannel ch = MemChannel.create();
      List<RecordedEvent> events =
          record("org.crossinterp.ShareReleased", () -> {
            a.call(() -> {
              ch.send(new byte[] {1});
              return null;
            });
            ch.recv().release();
          });
      assertEquals(1, events.size());
      assertEquals(a.id(), events.get(0).getLong("originId"));
      assertEquals("export", events.get(0).getString("kind"));
      assertTrue(events.get(0).getLong("ageNanos") >= 0);
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aDroppedViewIsRecordedAsALeakNamingItsOrigin() throws Exception {
    try (Interpreter a = Interpreter.create("jfr-leak")) {
      MemChannel ch = MemChannel.create();
      List<RecordedEvent> events =
          record("org.crossinterp.LeakDetected", () -> {
            a.call(() -> {
              ch.send(new byte[] {1});
              return null;
            });
            dropOneView(ch);
            // the cleaner releases the dropped view once the collector found it unreachable
            for (int i = 0; i < 500 && a.liveShares() != 0; i++) {
              System.gc();
              Thread.sleep(10);
            }
          });
      assertEquals(0, a.liveShares(), "the collector released the dropped view");
      assertEquals(1, events.size(), "one leak recorded");
      assertEquals(a.id(), events.get(0).getLong("originId"));
      assertTrue(events.get(0).getString("resource").contains("CrossInterpreterView"));
      assertEquals("VIEW", events.get(0).getString("kind"));
    }
  }

  /** Receives a view and drops it unreleased; in its own frame, so nothing keeps it reachable. */
  private static void dropOneView(MemChannel ch) throws InterruptedException {
    ch.recv().byteSize();
  }
}
