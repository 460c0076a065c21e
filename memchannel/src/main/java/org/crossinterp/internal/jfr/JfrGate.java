package org.crossinterp.internal.jfr;

import jdk.jfr.EventType;
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
  private static volatile EventType switches;
  private static volatile EventType transfers;
  private static volatile EventType releases;

  static {
    FlightRecorder.addListener(
        new FlightRecorderListener() {
          @Override
          public void recordingStateChanged(Recording r) {
            update();
          }
        });
    update();
  }

  private static void update() {
    boolean on = anyRunning();
    if (on && switches == null) {
      // registering the event types needs a live recorder; done once, when recording starts
      switches = EventType.getEventType(InterpreterSwitchEvent.class);
      transfers = EventType.getEventType(ChannelEvent.class);
      releases = EventType.getEventType(ShareReleasedEvent.class);
    }
    recording = on;
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

  /**
   * Whether interpreter switches are being recorded: no allocation, two volatile reads.
   *
   * @return true if a running recording enabled {@link InterpreterSwitchEvent}
   */
  public static boolean switches() {
    return recording && enabled(switches);
  }

  /**
   * Whether channel transfers are being recorded.
   *
   * @return true if a running recording enabled {@link ChannelEvent}
   */
  public static boolean transfers() {
    return recording && enabled(transfers);
  }

  /**
   * Whether share releases are being recorded.
   *
   * @return true if a running recording enabled {@link ShareReleasedEvent}
   */
  public static boolean releases() {
    return recording && enabled(releases);
  }

  private static boolean enabled(EventType t) {
    return t != null && t.isEnabled();
  }
}
