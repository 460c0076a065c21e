package org.crossinterp.internal.leak;

import java.lang.ref.Cleaner;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.crossinterp.LeakDetector;
import org.crossinterp.LeakDetector.Level;
import org.crossinterp.LeakDetector.LeakReport;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.jfr.LeakEvent;

/**
 * The machinery behind {@link LeakDetector} (Netty's model): one {@link Cleaner} thread for
 * every tracked resource, a level read from {@code crossinterp.leakDetection}, creation sites
 * recorded for every resource at {@code PARANOID} and for one in {@value #SAMPLE} at {@code
 * SIMPLE}, and listeners told of each leak.
 */
public final class LeakTracker {
  /** At SIMPLE, one resource in this many records its creation site. */
  public static final int SAMPLE = 128;

  private static final Cleaner CLEANER =
      Cleaner.create(r -> Thread.ofPlatform().daemon(true).name("crossinterp-cleaner").unstarted(r));
  private static final LongAdder LEAKS = new LongAdder();
  private static final CopyOnWriteArrayList<Consumer<LeakReport>> LISTENERS =
      new CopyOnWriteArrayList<>();
  private static volatile Level level = initialLevel();

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

  /** The cleaner that releases dropped resources. */
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

  /** Leaks seen so far. */
  public static long leaks() {
    return LEAKS.sum();
  }

  /** Adds a listener; returns the action that removes it. */
  public static Runnable addListener(Consumer<LeakReport> l) {
    LISTENERS.add(l);
    return () -> LISTENERS.remove(l);
  }

  /**
   * The creation site to record for a new resource, by level: always at PARANOID, sampled at
   * SIMPLE, never at DISABLED.
   */
  public static Throwable creationSite() {
    Level l = level;
    if (l == Level.PARANOID
        || (l == Level.SIMPLE && ThreadLocalRandom.current().nextInt(SAMPLE) == 0)) {
      return new Throwable("created here");
    }
    return null;
  }

  /** How many touch sites a tracked resource keeps (the most recent ones). */
  public static final int TOUCHES_KEPT = 4;

  /**
   * A recorded {@code touch}: a hint and where it happened, linked to the touches before it.
   *
   * @param hint what the caller said, or null
   * @param where the stack at the touch
   * @param previous the touch before, or null
   * @param depth how many touches this chain holds
   */
  public record Touch(String hint, Throwable where, Touch previous, int depth) {}

  /**
   * Records a touch of a tracked resource (one with a creation site) at {@code PARANOID};
   * returns the chain unchanged otherwise. Keeps the {@value #TOUCHES_KEPT} most recent.
   */
  public static Touch touched(Throwable site, Touch chain, Object hint) {
    if (site == null || level != Level.PARANOID) {
      return chain;
    }
    Touch kept = chain;
    if (kept != null && kept.depth() >= TOUCHES_KEPT) {
      kept = trim(kept, TOUCHES_KEPT - 1);
    }
    return new Touch(
        hint == null ? null : String.valueOf(hint),
        new Throwable("touched here"),
        kept,
        kept == null ? 1 : kept.depth() + 1);
  }

  private static Touch trim(Touch t, int keep) {
    if (t == null || keep == 0) {
      return null;
    }
    Touch rest = trim(t.previous(), keep - 1);
    return new Touch(t.hint(), t.where(), rest, rest == null ? 1 : rest.depth() + 1);
  }

  /** Reports a resource the garbage collector found unreleased (it has been released now). */
  public static void leaked(String resource, Domain origin, Throwable site) {
    leaked(resource, origin, site, null);
  }

  /**
   * Reports a resource the garbage collector found unreleased, with its recorded touches.
   */
  public static void leaked(String resource, Domain origin, Throwable site, Touch touches) {
    LEAKS.increment();
    LeakEvent event = new LeakEvent();
    if (event.isEnabled()) {
      event.resource = resource;
      event.originId = origin.id();
      event.creationSite = site == null ? null : java.util.Arrays.toString(site.getStackTrace());
      event.commit();
    }
    if (level == Level.DISABLED) {
      return;
    }
    String where;
    if (site != null) {
      StringBuilder b = new StringBuilder();
      for (StackTraceElement e : site.getStackTrace()) {
        b.append("\n\tat ").append(e);
      }
      where = " It was created at:" + b;
    } else {
      where =
          " Its creation site was not recorded; run with -Dcrossinterp.leakDetection=PARANOID"
              + " to see where it was created.";
    }
    StringBuilder touched = new StringBuilder();
    for (Touch t = touches; t != null; t = t.previous()) {
      touched.append("\n Touched").append(t.hint() == null ? "" : " (" + t.hint() + ")").append(":");
      StackTraceElement[] st = t.where().getStackTrace();
      for (int i = 0; i < Math.min(st.length, 8); i++) {
        touched.append("\n\tat ").append(st[i]);
      }
    }
    String message =
        "LEAK: "
            + resource
            + " from interpreter "
            + origin
            + " was garbage-collected without release(); it has been released now. Release"
            + " it (try-with-resources) when done."
            + where
            + touched;
    LeakReport report =
        new LeakReport(resource, origin.interpreter(), site == null ? null : site.getStackTrace(), message);
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
