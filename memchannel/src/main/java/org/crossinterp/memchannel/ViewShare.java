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

  /** Drops the view's reference to its export. */
  @Override
  protected final void dispose() {
    export().release();
  }
}
