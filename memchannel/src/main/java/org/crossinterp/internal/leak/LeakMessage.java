package org.crossinterp.internal.leak;

import java.util.Arrays;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector.Level;

/**
 * The text of a leak report: what leaked and from where, the fix, where it was created and last
 * touched, and, when the level in force did not record that, which flag shows more.
 */
final class LeakMessage {
  /** Frames shown per touch: enough to see the caller past crossinterp's own frames. */
  private static final int TOUCH_FRAMES = 8;

  private LeakMessage() {}

  static String of(
      String resource,
      Interpreter origin,
      String fix,
      Throwable site,
      Touch touches,
      Level level) {
    StringBuilder b =
        new StringBuilder("LEAK: ")
            .append(resource)
            .append(" from interpreter #")
            .append(origin.id())
            .append(" (")
            .append(origin.name())
            .append(") was garbage-collected without being released; it has been released now. ")
            .append(fix);
    if (site == null) {
      b.append(
          " Its creation site was not recorded; run with -Dcrossinterp.leakDetection=PARANOID"
              + " to see where it was created and last touched.");
    } else {
      b.append(" It was created at:");
      for (StackTraceElement e : frames(site)) {
        b.append("\n\tat ").append(e);
      }
      if (touches == null && level != Level.PARANOID) {
        b.append(
            "\n Run with -Dcrossinterp.leakDetection=PARANOID to see where it was last"
                + " touched too.");
      }
    }
    for (Touch t = touches; t != null; t = t.previous()) {
      b.append("\n Touched").append(t.hint() == null ? "" : " (" + t.hint() + ")").append(":");
      StackTraceElement[] st = frames(t.where());
      for (int i = 0; i < Math.min(st.length, TOUCH_FRAMES); i++) {
        b.append("\n\tat ").append(st[i]);
      }
    }
    return b.toString();
  }

  /**
   * The stack of {@code t} without crossinterp's machinery on top (the tracker, the interpreter
   * engine, objchannel's internals): it starts where the user's code, or crossinterp's API that
   * it called, was.
   */
  static StackTraceElement[] frames(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    int from = 0;
    while (from < st.length - 1 && isMachinery(st[from].getClassName())) {
      from++;
    }
    return from == 0 ? st : Arrays.copyOfRange(st, from, st.length);
  }

  private static boolean isMachinery(String className) {
    return className.startsWith("org.crossinterp.") && className.contains(".internal.");
  }
}
