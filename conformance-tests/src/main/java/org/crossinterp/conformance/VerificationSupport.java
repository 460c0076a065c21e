package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every verification shares: interpreters created for a test and closed after it, a
 * watchdog against deadlock ({@link Timeout}), the way optional rules are skipped, and the leak
 * check every test ends with.
 *
 * <p>The leak check fails the test when, after it, an interpreter the test created still holds
 * live shares ({@link Interpreter#liveShares()} above 0: something sent out of it was never
 * released), when the main interpreter holds more live shares than before the test, or when the
 * {@link LeakDetector} reported a share of an interpreter of the test that was
 * garbage-collected without release (a leak the counts alone would miss once the collector has
 * released it). Before it judges, the check waits for pending releases and lets the garbage
 * collector release the proxies a call made, which DESIGN §5 allows (a callback handed to the
 * object as an argument is such a proxy, and the detector does not report them); dropped views,
 * proxies received from a channel and encoded StrViews are reported, so never allowed.
 *
 * <p>Each test runs on a thread of its own, outside any interpreter (so in the main
 * interpreter), and is abandoned and reported as failed after 60 seconds: a deadlock fails the
 * test instead of hanging the build. JUnit creates one instance per test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class VerificationSupport {

  private final List<Interpreter> interpreters = new ArrayList<>();
  private final ConcurrentLinkedQueue<LeakDetector.LeakReport> leaks =
      new ConcurrentLinkedQueue<>();
  private LeakDetector.Registration leakListener;
  private long mainSharesBefore;

  /** Creates the support; subclasses are JUnit test classes. */
  protected VerificationSupport() {}

  /**
   * Records the main interpreter's live shares and starts listening for leaks. JUnit calls it
   * before each test, on the test's thread; not for direct use.
   */
  @BeforeEach
  public final void startLeakCheck() {
    mainSharesBefore = Interpreter.main().liveShares();
    leakListener = LeakDetector.addListener(leaks::add);
  }

  /**
   * An interpreter for this test, checked for leaks and closed after it. Call it on the test's
   * thread.
   *
   * @param name its name
   * @return a new interpreter
   */
  protected final Interpreter newInterpreter(String name) {
    Interpreter i = Interpreter.create(name);
    interpreters.add(i);
    return i;
  }

  /**
   * How long the leak check waits for pending releases to run (they may run a little later, on
   * another thread) before it reports what is still live. Five seconds by default; a test that
   * expects leaks may shorten it.
   *
   * @return the time
   */
  protected Duration settleTime() {
    return Duration.ofSeconds(5);
  }

  /**
   * Skips an optional rule, reporting it as aborted with the reason (as the Reactive Streams TCK
   * does). Any thread of the test.
   *
   * @param reason why the rule does not apply, and how to enable it
   */
  protected static void optional(String reason) {
    Assumptions.abort("optional rule skipped: " + reason);
  }

  /**
   * Skips a rule that cannot be checked because another rule fails, reporting it as aborted so
   * that only the rule at fault is reported as failed.
   *
   * @param reason which rule fails and why this one cannot be checked
   */
  static void cannotCheck(String reason) {
    Assumptions.abort("cannot be checked: " + reason);
  }

  /**
   * Runs {@code task} inside {@code interpreter}, on the calling thread, rethrowing whatever it
   * throws unchecked (a checked exception becomes an {@link AssertionError}).
   *
   * @param interpreter where to run
   * @param task what to run
   * @param <T> the result type
   * @return the task's result
   */
  protected static <T> T in(Interpreter interpreter, Callable<T> task) {
    try {
      return interpreter.call(task);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("task in " + interpreter + " failed", e);
    }
  }

  /**
   * Waits until {@code interpreter} holds at most {@code expected} live shares (releases are
   * pending calls that may run a little later on another thread), or the {@link #settleTime()}
   * passes. Any thread.
   *
   * @param interpreter the interpreter
   * @param expected the count
   * @return the last count seen
   */
  protected final long awaitShares(Interpreter interpreter, long expected) {
    return awaitShares(interpreter, expected, System.nanoTime() + settleTime().toNanos());
  }

  private static long awaitShares(Interpreter interpreter, long expected, long deadline) {
    long now = interpreter.liveShares();
    while (now > expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      now = interpreter.liveShares();
    }
    return now;
  }

  private boolean settled() {
    for (Interpreter i : interpreters) {
      if (i.liveShares() != 0) {
        return false;
      }
    }
    return Interpreter.main().liveShares() <= mainSharesBefore;
  }

  /**
   * Waits until nothing is live any more, or the settle time passes. Releases are pending calls
   * that may run a little later; and a proxy dropped without release (a callback the object
   * was handed as an argument, say) is released when it is garbage-collected, as DESIGN §5
   * allows, so after a short wait the collector is asked to run now and then.
   */
  private void settle() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + settleTime().toNanos();
    long nextGc = start + TimeUnit.MILLISECONDS.toNanos(50);
    while (!settled() && System.nanoTime() < deadline) {
      if (System.nanoTime() >= nextGc) {
        System.gc();
        nextGc = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      }
      Thread.sleep(5);
    }
  }

  /**
   * The leak check every test ends with (see the class comment); then closes the test's
   * interpreters. JUnit calls it after each test, after the subclass's own clean-up; not for
   * direct use.
   *
   * @throws InterruptedException if interrupted while it waits for releases
   */
  @AfterEach
  @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  public final void leakCheck() throws InterruptedException {
    try {
      settle();
      List<String> problems = new ArrayList<>();
      for (Interpreter i : interpreters) {
        long left = i.liveShares();
        if (left != 0) {
          problems.add(
              i + " still holds " + left + " live share(s): something sent out of it (a buffer"
                  + " export, a proxied object, an item in a channel) was never released");
        }
      }
      long main = Interpreter.main().liveShares();
      if (main > mainSharesBefore) {
        problems.add(
            "the main interpreter holds " + main + " live shares, " + (main - mainSharesBefore)
                + " more than before the test; something sent out of it was never released");
      }
      for (LeakDetector.LeakReport r : leaks) {
        if (interpreters.contains(r.origin())) {
          problems.add(r.message());
        }
      }
      if (!problems.isEmpty()) {
        fail("leak check: " + String.join("\n", problems));
      }
    } finally {
      if (leakListener != null) {
        leakListener.close();
      }
      for (Interpreter i : interpreters) {
        if (!i.isClosed()) {
          i.close();
        }
      }
      interpreters.clear();
      leaks.clear();
    }
  }
}
