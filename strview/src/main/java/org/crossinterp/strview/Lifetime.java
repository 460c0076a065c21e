package org.crossinterp.strview;

import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.internal.leak.Tracked;
import org.crossinterp.memchannel.CrossInterpreterView;

/**
 * The end of one lifetime (a StrView and its subSequences): releases the view it reads, or lets
 * go of the buffer {@link StrView#encode} made. Kept apart from what the StrViews hold, so that
 * the cleaner can end it when they are unreachable. Runs once: at {@link StrView#release()}, or
 * when collected.
 *
 * <p>Only a lifetime over an encoded buffer is {@linkplain #track tracked}, and dropping it is a
 * leak like dropping a view: a received view is tracked (and reported) on its own, and wrapped
 * memory is the caller's.
 */
final class Lifetime extends Tracked {
  private final CrossInterpreterView view;
  private final EncodedBuffer buffer;

  Lifetime(CrossInterpreterView view, EncodedBuffer buffer) {
    this.view = view;
    this.buffer = buffer;
  }

  CrossInterpreterView view() {
    return view;
  }

  EncodedBuffer buffer() {
    return buffer;
  }

  @Override
  protected LeakDetector.Kind leakKind() {
    return LeakDetector.Kind.STRVIEW_BUFFER;
  }

  @Override
  protected String leakDescription() {
    return "StrView.encode buffer of " + buffer.byteSize() + " bytes";
  }

  @Override
  protected Interpreter leakOrigin() {
    return buffer.owner();
  }

  @Override
  protected void dispose() {
    if (view != null) {
      view.release();
    }
    if (buffer != null) {
      buffer.drop();
    }
  }
}
