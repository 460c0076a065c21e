package org.crossinterp;

import java.util.Objects;
import java.util.function.Consumer;
import org.crossinterp.internal.leak.LeakTracker;

/**
 * Finds shares that were dropped without release (Netty's leak detector). A dropped {@code
 * CrossInterpreterView} is released when the garbage collector finds it, so nothing stays
 * pinned; that release is counted and reported here as a leak, because it came late and at a
 * time nobody chose.
 *
 * <p>Levels, set with the system property {@code crossinterp.leakDetection} or {@link
 * #setLevel}: {@link Level#DISABLED}, {@link Level#SIMPLE} (the default: every leak is reported,
 * one share in 128 records its creation site), {@link Level#PARANOID} (every share records its
 * creation site, and {@link org.crossinterp.memchannel.CrossInterpreterView#touch} records the
 * most recent places it passed through). A report says where the leaked share was created and
 * last touched, or which level would show it.
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

  /**
   * A leak: a share released by the garbage collector rather than by its holder.
   *
   * @param resource what leaked, e.g. a view and its size
   * @param origin the interpreter the share pinned
   * @param creationSite where it was created, or null if not recorded at the level in force
   * @param message the full report
   */
  public record LeakReport(
      String resource, Interpreter origin, StackTraceElement[] creationSite, String message) {}

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
   * How many leaks were found since the JVM started, at any level.
   *
   * @return the count
   */
  public static long leakCount() {
    return LeakTracker.leaks();
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
