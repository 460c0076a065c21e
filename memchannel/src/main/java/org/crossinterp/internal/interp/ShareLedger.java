package org.crossinterp.internal.interp;

import java.util.concurrent.atomic.LongAdder;
import org.crossinterp.internal.jfr.JfrGate;
import org.crossinterp.internal.jfr.ShareReleasedEvent;

/**
 * The strong references other interpreters hold into one interpreter ({@code liveShares()}):
 * every acquire is counted here and paired with exactly one release, which also records the
 * {@link ShareReleasedEvent} when a Flight Recorder recording asks for it.
 */
final class ShareLedger {
  private final LongAdder live = new LongAdder();
  private final long originId;

  ShareLedger(long originId) {
    this.originId = originId;
  }

  void acquired() {
    live.increment();
  }

  void released() {
    live.decrement();
  }

  /**
   * Uncounts a share and records its event. Returns normally once the count dropped, whatever
   * the recording does (a caller marks the release done when this returns).
   */
  void released(String kind, long createdNanos) {
    live.decrement();
    try {
      if (!JfrGate.releases()) {
        return;
      }
      ShareReleasedEvent e = new ShareReleasedEvent();
      if (e.isEnabled()) {
        e.originId = originId;
        e.kind = kind;
        e.ageNanos = createdNanos == 0 ? 0 : System.nanoTime() - createdNanos;
        e.commit();
      }
    } catch (Throwable ignored) {
      // an event lost to a stack overflow or out of memory; the count is what matters
    }
  }

  /** A timestamp for a new share, or 0 when no recording wants share ages. */
  static long clock() {
    return JfrGate.releases() ? System.nanoTime() : 0;
  }

  long live() {
    return live.sum();
  }
}
