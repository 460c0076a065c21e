package org.crossinterp.peer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import junit.framework.TestCase;
import org.crossinterp.Interpreter;

/**
 * The last test of a proxied run: once the suites are done and their proxies released or
 * unreachable, the owner's and the tests' interpreter's {@link Interpreter#liveShares()} return,
 * after garbage collection, to what the suites themselves hold ({@link
 * Placement.Proxied#structuralShares()}, measured when they were built: the comparator proxies
 * Guava's derived generators keep), that is: every share a test made was released, by {@link
 * org.crossinterp.objchannel.Proxies#release} or by the collector. Then it closes the run's
 * interpreters (closing checks nothing more: a closed interpreter's count is not reset).
 */
public final class LeakCheck extends TestCase {
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);
  private static final int STABLE_READS = 5;
  private final Placement.Proxied placement;
  private final long[] structural;

  LeakCheck(Placement.Proxied placement, long[] structural) {
    super("testLiveSharesReturnAfterGc");
    this.placement = placement;
    this.structural = structural.clone();
  }

  @Override
  public String getName() {
    return super.getName() + "[" + placement.label() + "]";
  }

  @Override
  protected void runTest() throws Throwable {
    try {
      long deadline = System.nanoTime() + WAIT_NANOS;
      long[] now = shares(placement);
      while (!Arrays.equals(now, structural)) {
        if (System.nanoTime() - deadline > 0) {
          fail(
              "after the suites and "
                  + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS)
                  + " s of garbage collection, the owner ("
                  + placement.label()
                  + ") has "
                  + now[0]
                  + " live shares and the tests' interpreter "
                  + now[1]
                  + "; the suites themselves hold "
                  + structural[0]
                  + " and "
                  + structural[1]);
        }
        System.gc();
        Thread.sleep(20);
        now = shares(placement);
      }
      System.out.println(
          "[peer-tests] "
              + placement.label()
              + ": live shares back to "
              + Arrays.toString(now)
              + " (owner, tests' interpreter), what the suites hold");
    } finally {
      placement.close();
    }
  }

  static long[] shares(Placement.Proxied p) {
    return new long[] {p.owner.liveShares(), p.user.liveShares()};
  }

  /** The shares once garbage collection no longer changes them. */
  static long[] settled(Placement.Proxied p) {
    long[] last = shares(p);
    int stable = 0;
    long deadline = System.nanoTime() + WAIT_NANOS;
    try {
      while (stable < STABLE_READS && System.nanoTime() - deadline < 0) {
        System.gc();
        Thread.sleep(20);
        long[] now = shares(p);
        stable = Arrays.equals(now, last) ? stable + 1 : 0;
        last = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return last;
  }
}
