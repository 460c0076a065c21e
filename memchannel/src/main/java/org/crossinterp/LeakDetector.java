package org.crossinterp;

import java.util.Objects;
import java.util.function.Consumer;
import org.crossinterp.internal.leak.LeakTracker;

/**
 * Finds shares that were dropped without release (Netty's leak detector): one detector, one
 * mechanism, for every {@link Kind} of share crossinterp hands out. A dropped share is released
 * when the garbage collector finds it, so nothing stays pinned; that release is counted and
 * reported here as a leak, because it came late and at a time nobody chose.
 *
 * <p>Levels, set with the system property {@code crossinterp.leakDetection} or {@link
 * #setLevel}: {@link Level#DISABLED}, {@link Level#SIMPLE} (the default: every leak is reported,
 * one share in 128 records its creation site), {@link Level#PARANOID} (every share records its
 * creation site and the most recent places it passed through: {@link
 * org.crossinterp.memchannel.CrossInterpreterView#touch} for a view, each call for a proxy, each
 * send for an encoded StrView). A report names the kind, the origin interpreter, where the
 * leaked share was created and last touched, or which level would show it.
 *
 * <p>Reports go to the registered listeners, or to the {@code org.crossinterp} {@link
 * System.Logger} when there is none. Listeners run on the cleaner thread.
 */
public final class LeakDetector {
  private LeakDetector() {}

  /** A registered listener; {@link #close()} removes it. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    /** Removes the listener. Idempotent. */
    @Override
    void close();
  }

  /** How much the detector records. */
  public enum Level {
    /** Leaks are still released and counted, but not reported. */
    DISABLED,
    /** Leaks are reported; one share in 128 records where it was created. */
    SIMPLE,
    /** Every share records where it was created; costs a stack trace per share. */
    PARANOID
  }

  /** What kind of share leaked; each is counted on its own ({@link #leakCount(Kind)}). */
  public enum Kind {
    /** A {@code CrossInterpreterView} (or a share or slice of one) dropped without release. */
    VIEW,
    /**
     * An objchannel proxy its holder was handed to release (received from a channel, or made
     * by {@code Proxies.share}) and dropped without {@code Proxies.release}. The proxies a call
     * makes for its arguments and results (callbacks, iterators) may be left to the collector:
     * they are released the same way, but are not leaks.
     */
    PROXY,
    /** The buffer {@code StrView.encode} made (or a slice of it) dropped without release. */
    STRVIEW_BUFFER
  }

  /**
   * A leak: a share released by the garbage collector rather than by its holder.
   *
   * @param kind what kind of share leaked
   * @param resource what leaked, e.g. a view and its size
   * @param origin the interpreter the share pinned
   * @param creationSite where it was created, or null if not recorded at the level in force
   * @param message the full report
   */
  public record LeakReport(
      Kind kind,
      String resource,
      Interpreter origin,
      StackTraceElement[] creationSite,
      String message) {

    /**
     * A report of a leaked {@link Kind#VIEW view}, the only kind reported before kinds were
     * named; kept so that code which made reports (a test's fake leak) still compiles.
     *
     * @param resource what leaked
     * @param origin the interpreter the share pinned
     * @param creationSite where it was created, or null
     * @param message the full report
     */
    public LeakReport(
        String resource, Interpreter origin, StackTraceElement[] creationSite, String message) {
      this(Kind.VIEW, resource, origin, creationSite, message);
    }
  }

  /**
   * The level in force.
   *
   * @return the level
   */
  public static Level level() {
    return LeakTracker.level();
  }

  /**
   * Sets the level for shares created from now on. Any thread.
   *
   * @param level not null
   */
  public static void setLevel(Level level) {
    LeakTracker.setLevel(Objects.requireNonNull(level, "level"));
  }

  /**
   * How many leaks were found since the JVM started, at any level, of every kind.
   *
   * @return the count
   */
  public static long leakCount() {
    return LeakTracker.leaks();
  }

  /**
   * How many leaks of one kind were found since the JVM started, at any level.
   *
   * @param kind not null
   * @return the count
   */
  public static long leakCount(Kind kind) {
    return LeakTracker.leaks(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Registers a listener told of every leak (on the cleaner thread), for tests and applications
   * that want to fail on leaks.
   *
   * @param listener not null
   * @return closing it removes the listener
   */
  public static Registration addListener(Consumer<LeakReport> listener) {
    Runnable remove = LeakTracker.addListener(Objects.requireNonNull(listener, "listener"));
    return remove::run;
  }
}
