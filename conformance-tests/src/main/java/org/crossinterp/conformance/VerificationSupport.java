package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every verification shares: interpreters created for a test and closed after it, a
 * watchdog against deadlock ({@link Timeout}), the way optional rules are skipped, and the leak
 * check every test ends with: each interpreter the test used, and main, hold exactly as many
 * live shares as before the test ({@link Interpreter#liveShares()}).
 *
 * <p>Tests run on JUnit's thread, which starts in the main interpreter.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class VerificationSupport {
  /** How long the leak check waits for pending releases to run. */
  static final Duration SETTLE = Duration.ofSeconds(5);

  private final List<Interpreter> interpreters = new ArrayList<>();
  private long mainSharesBefore;

  /** Creates the support; subclasses are JUnit test classes. */
  protected VerificationSupport() {}

  @BeforeEach
  final void recordMainShares() {
    mainSharesBefore = Interpreter.main().liveShares();
  }

  /**
   * An interpreter for this test, checked for leaks and closed after it.
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
   * Skips an optional rule, reporting it as aborted with the reason (as the Reactive Streams TCK
   * does).
   *
   * @param reason why the rule does not apply, and how to enable it
   */
  protected static void optional(String reason) {
    Assumptions.abort("optional rule skipped: " + reason);
  }

  /**
   * Runs {@code task} inside {@code interpreter}, rethrowing whatever it throws unchecked.
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
   * Waits until {@code interpreter} holds {@code expected} live shares, or the settle time passes.
   *
   * @param interpreter the interpreter
   * @param expected the count
   * @return the last count seen
   */
  protected static long awaitShares(Interpreter interpreter, long expected) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long now = interpreter.liveShares();
    while (now != expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
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

  /** The leak check every test ends with. */
  @AfterEach
  final void leakCheck() {
    try {
      for (Interpreter i : interpreters) {
        assertEquals(
            0,
            awaitShares(i, 0),
            "leak check: " + i + " still holds live shares after the test; something sent out of"
                + " it was never released");
      }
      assertEquals(
          mainSharesBefore,
          awaitShares(Interpreter.main(), mainSharesBefore),
          "leak check: the main interpreter holds more live shares than before the test");
    } finally {
      for (Interpreter i : interpreters) {
        if (!i.isClosed()) {
          i.close();
        }
      }
      interpreters.clear();
    }
  }
}
