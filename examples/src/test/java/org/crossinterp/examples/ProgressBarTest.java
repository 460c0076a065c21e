package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProgressBarTest {
  @Test
  @Timeout(
      value = 30,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void drawsAfterASecondAndErasesItselfOnClose() throws InterruptedException {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = ProgressBar.start(new PrintWriter(err), "phase", 200, true)) {
      bar.advance(100);
      while (!err.toString().contains("%")) { // drawn once the phase is a second old
        Thread.sleep(50);
      }
    }
    String drawn = err.toString();
    assertTrue(drawn.contains("phase"), drawn);
    assertTrue(drawn.contains(" 50%"), drawn);
    assertTrue(drawn.contains("#".repeat(15) + ".".repeat(15)), drawn);
    assertTrue(drawn.matches("(?s).*\\r {40,}\\r"), "erased at close: " + drawn);
  }

  @Test
  void aDisabledBarDrawsNothing() throws InterruptedException {
    StringWriter err = new StringWriter();
    try (ProgressBar bar = ProgressBar.start(new PrintWriter(err), "phase", 10, false)) {
      bar.advance(5);
      Thread.sleep(1200);
    }
    assertEquals("", err.toString());
  }
}
