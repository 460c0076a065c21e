package org.crossinterp.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A thread switched into an interpreter. The event's duration is the time it waited for the
 * interpreter's lock, so contended interpreters show up as long events.
 */
@Name("org.crossinterp.InterpreterSwitch")
@Label("Interpreter Switch")
@Category({"crossinterp", "Interpreters"})
@Description("A thread entered an interpreter; the duration is the wait for its lock")
@StackTrace(false)
@Enabled(false) // hot path: recorded only when a recording asks for it
public final class InterpreterSwitchEvent extends Event {
  /** The interpreter entered. */
  @Label("Interpreter Id")
  public long interpreterId;

  /** Its name. */
  @Label("Interpreter")
  public String interpreterName;

  /** The interpreter the thread came from, or -1 when it was in none. */
  @Label("From Interpreter Id")
  public long fromInterpreterId;
}
