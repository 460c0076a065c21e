package org.crossinterp.memchannel;

import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.internal.leak.Tracked;

/**
 * The state of one {@link CrossInterpreterView} that its release needs, kept apart from the view
 * so that the view can be collected: the export it pins. Tracked like every share: disposed once,
 * at {@link CrossInterpreterView#release()} or when the view is found unreachable (a leak).
 *
 * <p>The first view of a send uses its {@link Export} itself as this state (a receive then costs
 * no extra object); further views from {@code share()}/{@code slice()} get their own.
 */
abstract class ViewShare extends Tracked {
  /** The export this view holds a reference to. */
  abstract Export export();

  /** The view's size, for the leak report. */
  abstract long viewSize();

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
    return isReleased() && !(refDropped && (!wasLast || handedOn));
  }

  /** Drops this view's reference, resuming a release cut short; idempotent. */
  final void finishRelease() {
    export().releaseFrom(this);
  }

  @Override
  protected final LeakDetector.Kind leakKind() {
    return LeakDetector.Kind.VIEW;
  }

  @Override
  protected final String leakDescription() {
    return "CrossInterpreterView of " + viewSize() + " bytes";
  }

  @Override
  protected final Interpreter leakOrigin() {
    return export().origin().interpreter();
  }

  /** Drops the view's reference to its export (resumable: see {@link #finishRelease}). */
  @Override
  protected final void dispose() {
    finishRelease();
  }
}
