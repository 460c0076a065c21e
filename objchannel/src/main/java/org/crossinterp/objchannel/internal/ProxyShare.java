package org.crossinterp.objchannel.internal;

import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.ResumableTask;
import org.crossinterp.internal.leak.Tracked;

/**
 * The origin's share one proxy holds (the strong reference counted in the origin's {@code
 * liveShares()}), tracked by the one leak tracker: released exactly once, by the proxy's last
 * {@code Proxies.release} or, when the proxy is collected, by the cleaner; then a pending call
 * in the origin uncounts it. It holds no reference to the object, or a cycle through the object
 * would keep the proxy reachable forever.
 *
 * <p>A collected proxy is a leak only when its holder was handed it to release ({@link #held}:
 * received from a channel, or made by {@code Proxies.share}). The proxies a call makes for its
 * arguments and results (callbacks, iterators) are left to the collector, as DESIGN §5 allows:
 * released the same way, but not reported.
 */
final class ProxyShare extends Tracked {
  private final Domain origin;
  private final Domain receiver;
  private final String objectClass;
  private final long created = Domain.shareClock();
  private volatile boolean held;

  ProxyShare(Domain origin, Domain receiver, Object target) {
    this.origin = origin;
    this.receiver = receiver;
    this.objectClass = target.getClass().getName();
  }

  /** Its holder was handed it to release: dropping it from now on is a leak. */
  void held(String how) {
    held = true;
    touch(how);
  }

  @Override
  protected LeakDetector.Kind leakKind() {
    return LeakDetector.Kind.PROXY;
  }

  @Override
  protected String leakDescription() {
    return "proxy of " + objectClass + (receiver == null ? "" : " held in " + receiver);
  }

  @Override
  protected Interpreter leakOrigin() {
    return origin.interpreter();
  }

  @Override
  protected String howToRelease() {
    return "Call Proxies.release(proxy) when done with it (a proxy has no close() of its own).";
  }

  @Override
  protected boolean isLeakWhenDropped() {
    return held;
  }

  @Override
  protected void dispose() {
    origin.runPending((ResumableTask) () -> origin.shareReleased("proxy", created));
  }
}
