package org.crossinterp.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The garbage collector found a share that was never released. */
@Name("org.crossinterp.LeakDetected")
@Label("Leak Detected")
@Category({"crossinterp", "Shares"})
@Description("A share was garbage-collected without release; it has been released now")
@StackTrace(false)
public final class LeakEvent extends Event {
  /** The kind of share: {@code VIEW}, {@code PROXY} or {@code STRVIEW_BUFFER}. */
  @Label("Kind")
  public String kind;

  /** What leaked. */
  @Label("Resource")
  public String resource;

  /** The interpreter it pinned. */
  @Label("Origin Interpreter Id")
  public long originId;

  /** Where it was created, when recorded. */
  @Label("Creation Site")
  public String creationSite;
}
