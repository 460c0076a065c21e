package org.crossinterp.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A share (a buffer export or a proxy's strong reference) was released in its origin. */
@Name("org.crossinterp.ShareReleased")
@Label("Share Released")
@Category({"crossinterp", "Shares"})
@Description("A share was released in the interpreter that owns it")
@StackTrace(false)
@Enabled(false) // hot path: recorded only when a recording asks for it
public final class ShareReleasedEvent extends Event {
  /** The interpreter the release ran in. */
  @Label("Origin Interpreter Id")
  public long originId;

  /** What was released: "export" or "proxy". */
  @Label("Kind")
  public String kind;

  /** How long after its creation the share was released. */
  @Label("Age")
  @Timespan(Timespan.NANOSECONDS)
  public long ageNanos;
}
