package org.crossinterp.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A task running nested on a dedicated interpreter's event loop has waited longer than the
 * threshold while a task beneath it is ready to resume: the loop is blocked by its own task
 * (Netty reports the same mistake as {@code BlockingOperationException}).
 */
@Name("org.crossinterp.NestedTaskBlocked")
@Label("Nested Task Blocked")
@Category({"crossinterp", "Interpreters"})
@Description(
    "A nested task of a dedicated interpreter blocks while a task beneath it could resume")
@StackTrace(true)
public final class NestedTaskBlockedEvent extends Event {
  /** The interpreter whose loop is blocked. */
  @Label("Interpreter")
  public String interpreterName;

  /** Its id. */
  @Label("Interpreter Id")
  public long interpreterId;

  /** The nested task that blocks. */
  @Label("Blocked Task")
  public String blockedTask;

  /** The task beneath it, ready to resume. */
  @Label("Ready Task")
  public String readyTask;

  /** How long the nested task had waited when reported. */
  @Label("Blocked Millis")
  public long blockedMillis;
}
