package org.crossinterp.memchannel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.crossinterp.internal.leak.LeakTracker;

/**
 * The state of one {@link CrossInterpreterView} that its {@link java.lang.ref.Cleaner} action
 * needs, kept apart from the view so that the view can be collected: whether it was released,
 * where it was created, and the export it pins. Runs at most once as a cleaner action: at {@link
 * CrossInterpreterView#release()}, or when the view is found unreachable (a leak).
 *
 * <p>The first view of a send uses its {@link Export} itself as this state (a receive then costs
 * no extra object); further views from {@code share()}/{@code slice()} get their own.
 */
abstract class ViewShare implements Runnable {
  private static final VarHandle RELEASED;

  static {
    try {
      RELEASED = MethodHandles.lookup().findVarHandle(ViewShare.class, "released", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile boolean released;

  /**
   * Where the view was created, or null at the level in force. Written once by the view's
   * constructor before the view is published; the cleaner reads it after registration.
   */
  Throwable site;

  /** The most recent touches, recorded at PARANOID for tracked views; newest first. */
  volatile LeakTracker.Touch touches;

  /** The export this view holds a reference to. */
  abstract Export export();

  /** The view's size, for the leak report. */
  abstract long viewSize();

  final boolean isReleased() {
    return released;
  }

  /** Marks the view released; true for the one caller that did it. */
  final boolean markReleased() {
    return RELEASED.compareAndSet(this, false, true);
  }

  // Release progress, written by the one thread that released the view (or resumes it). Each
  // flag is set the moment its step is done, so a release cut short by a stack overflow is
  // finished by the next release() or by the cleaner, without repeating a step (see Frame).

  /** This view's reference to its export was dropped. */
  boolean refDropped;

  /** It was the export's last reference. */
  boolean wasLast;

  /** The export's end was handed on (queued in the origin, or done). */
  boolean handedOn;

  /** Whether the view was released but its release was cut short. */
  final boolean isCutShort() {
    return released && !(refDropped && (!wasLast || handedOn));
  }

  /** Drops this view's reference, resuming a release cut short; idempotent. */
  final void finishRelease() {
    export().releaseFrom(this);
  }

  /** The cleaner action: reports a leak unless released explicitly, then drops the reference. */
  @Override
  public final void run() {
    try {
      if (markReleased()) {
        LeakTracker.leaked(
            "CrossInterpreterView of " + viewSize() + " bytes", export().origin(), site, touches);
      }
    } finally {
      finishRelease(); // whatever reporting did: the share must not stay pinned
    }
  }
}
