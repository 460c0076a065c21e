package org.crossinterp.internal.leak;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.LeakDetector.Kind;
import org.crossinterp.LeakDetector.LeakReport;
import org.crossinterp.LeakDetector.Level;
import org.crossinterp.internal.jfr.LeakEvent;

/**
 * The machinery behind {@link LeakDetector} (Netty's model): one {@link Cleaner} thread for
 * everything crossinterp releases when it is collected (every {@link Tracked} share of every
 * module, and dropped channels), a level read from {@code crossinterp.leakDetection}, creation
 * sites recorded for every share at {@code PARANOID} and for one in {@value #SAMPLE} at {@code
 * SIMPLE}, a count per {@link Kind}, and listeners told of each leak.
 */
public final class LeakTracker {
  /** At SIMPLE, one share in this many records its creation site. */
  public static final int SAMPLE = 128;

  /** The name of the one cleaner thread. */
  public static final String CLEANER_THREAD = "crossinterp-cleaner";

  private static final Cleaner CLEANER =
      Cleaner.create(r -> Thread.ofPlatform().daemon(true).name(CLEANER_THREAD).unstarted(r));
  private static final LongAdder[] LEAKS = new LongAdder[Kind.values().length];
  private static final CopyOnWriteArrayList<Consumer<LeakReport>> LISTENERS =
      new CopyOnWriteArrayList<>();
  private static volatile Level level = initialLevel();

  static {
    for (int i = 0; i < LEAKS.length; i++) {
      LEAKS[i] = new LongAdder();
    }
  }

  private LeakTracker() {}

  private static Level initialLevel() {
    String p = System.getProperty("crossinterp.leakDetection");
    if (p == null || p.isBlank()) {
      return Level.SIMPLE;
    }
    try {
      return Level.valueOf(p.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.getLogger("org.crossinterp")
          .log(
              System.Logger.Level.WARNING,
              "crossinterp.leakDetection=" + p + " is not one of DISABLED, SIMPLE, PARANOID;"
                  + " using SIMPLE");
      return Level.SIMPLE;
    }
  }

  /**
   * The cleaner that releases what was collected; for clean-ups that are not leaks (a dropped
   * channel's items). Shares register through {@link Tracked#track}.
   */
  public static Cleaner cleaner() {
    return CLEANER;
  }

  /** The current level. */
  public static Level level() {
    return level;
  }

  /** Sets the level. */
  public static void setLevel(Level l) {
    level = l;
  }

  /** Leaks of every kind seen so far. */
  public static long leaks() {
    long sum = 0;
    for (LongAdder a : LEAKS) {
      sum += a.sum();
    }
    return sum;
  }

  /** Leaks of one kind seen so far. */
  public static long leaks(Kind kind) {
    return LEAKS[kind.ordinal()].sum();
  }

  /** Adds a listener; returns the action that removes it. */
  public static Runnable addListener(Consumer<LeakReport> l) {
    LISTENERS.add(l);
    return () -> LISTENERS.remove(l);
  }

  /**
   * The creation site to record for a new share, by level: always at PARANOID, sampled at
   * SIMPLE, never at DISABLED.
   */
  static Throwable creationSite() {
    Level l = level;
    if (l == Level.PARANOID
        || (l == Level.SIMPLE && ThreadLocalRandom.current().nextInt(SAMPLE) == 0)) {
      return new Throwable("created here");
    }
    return null;
  }

  /**
   * Counts and reports a share the collector found unreleased (it is being released now): a
   * Flight Recorder event at every level, a report to the listeners (or the log) unless
   * DISABLED.
   */
  static void leaked(Tracked t, Throwable site, Touch touches) {
    Kind kind = t.leakKind();
    LEAKS[kind.ordinal()].increment();
    String resource = t.leakDescription();
    Interpreter origin = t.leakOrigin();
    StackTraceElement[] created = site == null ? null : LeakMessage.frames(site);
    LeakEvent event = new LeakEvent();
    if (event.isEnabled()) {
      event.kind = kind.name();
      event.resource = resource;
      event.originId = origin.id();
      event.creationSite = created == null ? null : Arrays.toString(created);
      event.commit();
    }
    if (level == Level.DISABLED) {
      return;
    }
    String message = LeakMessage.of(resource, origin, t.howToRelease(), site, touches, level);
    LeakReport report = new LeakReport(kind, resource, origin, created, message);
    if (LISTENERS.isEmpty()) {
      System.getLogger("org.crossinterp").log(System.Logger.Level.ERROR, message);
    }
    for (Consumer<LeakReport> l : LISTENERS) {
      try {
        l.accept(report);
      } catch (RuntimeException e) {
        System.getLogger("org.crossinterp")
            .log(System.Logger.Level.WARNING, "leak listener failed", e);
      }
    }
  }
}
