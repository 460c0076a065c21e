package org.crossinterp.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An item was sent or received on a channel; the duration is the time the call waited. */
@Name("org.crossinterp.ChannelTransfer")
@Label("Channel Send/Receive")
@Category({"crossinterp", "Channels"})
@Description("An item was sent to or received from a channel; the duration is the wait")
@StackTrace(false)
@Enabled(false) // hot path: recorded only when a recording asks for it
public final class ChannelEvent extends Event {
  /** The channel. */
  @Label("Channel Id")
  public long channelId;

  /** Its name. */
  @Label("Channel")
  public String channelName;

  /** "send" or "recv". */
  @Label("Operation")
  public String operation;

  /** Items queued after the operation. */
  @Label("Queue Size")
  public int queueSize;
}
