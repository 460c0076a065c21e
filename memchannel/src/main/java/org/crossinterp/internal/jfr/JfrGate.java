package org.crossinterp.internal.jfr;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether any Flight Recorder recording is running, kept up to date by a recorder listener, so
 * that the hot paths test one volatile boolean and allocate nothing when nobody records (the
 * usual case). Only when a recording runs do they create an event and ask it whether it is
 * enabled.
 */
public final class JfrGate {
  private static volatile boolean recording;

  static {
    FlightRecorder.addListener(
        new FlightRecorderListener() {
          @Override
          public void recordingStateChanged(Recording r) {
            recording = anyRunning();
          }
        });
    recording = anyRunning();
  }

  private JfrGate() {}

  private static boolean anyRunning() {
    if (!FlightRecorder.isInitialized()) {
      return false;
    }
    for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
      if (r.getState() == RecordingState.RUNNING) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a recording is running, so events may be enabled.
   *
   * @return true while any recording runs
   */
  public static boolean on() {
    return recording;
  }
}
