package org.crossinterp.internal.leak;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;

/**
 * The one leak-tracking mechanism, for every kind of share (Netty's {@code
 * ResourceLeakTracker}): the state a share's release needs, kept apart from the object its
 * holder uses (the <em>referent</em>) so that the referent can be collected. It is the {@link
 * Cleaner} action registered for the referent on {@link LeakTracker}'s one cleaner thread, and
 * its {@link #dispose()} runs exactly once: when the holder releases ({@link #releaseByHolder()})
 * or, if the holder dropped the referent instead, when the collector finds it, which is then
 * reported as a leak. Whoever marks it released first disposes.
 *
 * <p>A subclass says what it is ({@link #leakKind()}, {@link #leakDescription()}, {@link
 * #leakOrigin()}) and how it is released ({@link #dispose()}). One that is never {@linkplain
 * #track tracked} (a share that cannot leak) is disposed directly on release.
 */
public abstract class Tracked implements Runnable {
  private static final VarHandle RELEASED;

  static {
    try {
      RELEASED = MethodHandles.lookup().findVarHandle(Tracked.class, "released", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile boolean released;

  // Both written once by track(), normally before the referent is published; the referent holds
  // this object in a final field (or publishes it safely), so every thread that sees the
  // referent sees them. Plain fields: track() is on the hot path of every receive.
  private Throwable site;
  private Cleaner.Cleanable cleanable;

  /** The most recent touches (PARANOID only), newest first. Racy updates may lose one: hints. */
  private volatile Touch touches;

  /** For subclasses. */
  protected Tracked() {}

  /**
   * Starts tracking: records the creation site (by level) and registers this as the cleaner
   * action of {@code referent}. Call once, before {@code referent} is published where possible
   * (a release that comes first disposes directly, and the cleaner later finds it released).
   *
   * @param referent what the holder holds; must not be reachable from this object
   */
  public final void track(Object referent) {
    site = LeakTracker.creationSite();
    cleanable = LeakTracker.cleaner().register(referent, this);
  }

  /**
   * The holder's release: marks the share released and disposes of it, once.
   *
   * @return true for the one caller that released it
   */
  public final boolean releaseByHolder() {
    if (!RELEASED.compareAndSet(this, false, true)) {
      return false;
    }
    // dispose first, straight from here: releases may run deep in a nearly exhausted stack
    // (StackReserve), and the cleaner's own frames would come between otherwise
    try {
      dispose();
    } finally {
      Cleaner.Cleanable c = cleanable;
      if (c != null) {
        c.clean(); // only unregisters: run() finds the share released and does nothing
      }
    }
    return true;
  }

  /**
   * Whether it was released, by its holder or the collector.
   *
   * @return true once released
   */
  public final boolean isReleased() {
    return released;
  }

  /**
   * Whether {@link #touch} records anything now: only for a share with a creation site, at
   * {@code PARANOID}. Callers whose hint costs something to make ask first.
   *
   * @return true if a touch would be recorded
   */
  public final boolean recordsTouches() {
    return site != null && LeakTracker.level() == LeakDetector.Level.PARANOID;
  }

  /**
   * Records that the share passed through here, for the leak report; free unless {@link
   * #recordsTouches()}.
   *
   * @param hint what to say about this place (its {@code toString()}), or null
   */
  public final void touch(Object hint) {
    if (recordsTouches()) {
      touches = Touch.after(touches, hint);
    }
  }

  /**
   * The cleaner action: when the collector found the referent before its holder released it,
   * reports the leak and disposes. Does nothing after a release by the holder. Not for direct
   * use.
   */
  @Override
  public final void run() {
    if (!RELEASED.compareAndSet(this, false, true)) {
      return;
    }
    try {
      if (isLeakWhenDropped()) {
        LeakTracker.leaked(this, site, touches);
      }
    } finally {
      dispose(); // whatever reporting did: the share must not stay pinned
    }
  }

  /**
   * What kind of share this is.
   *
   * @return the kind
   */
  protected abstract LeakDetector.Kind leakKind();

  /**
   * What leaked, for the report (e.g. its size); called on the cleaner thread, before {@link
   * #dispose()}.
   *
   * @return a short description
   */
  protected abstract String leakDescription();

  /**
   * The interpreter the share pins.
   *
   * @return the origin
   */
  protected abstract Interpreter leakOrigin();

  /**
   * How the holder should have released it, for the report.
   *
   * @return a sentence naming the fix
   */
  protected String howToRelease() {
    return "Call release() (or use try-with-resources) when done with it.";
  }

  /**
   * Whether a drop is a leak. A share that may legitimately be left to the collector says no:
   * it is still released, but neither counted nor reported.
   *
   * @return true by default
   */
  protected boolean isLeakWhenDropped() {
    return true;
  }

  /** Releases the share itself. Runs exactly once, on the releasing or the cleaner thread. */
  protected abstract void dispose();
}
