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
}
