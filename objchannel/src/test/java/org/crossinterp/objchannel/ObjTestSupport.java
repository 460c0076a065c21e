package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the objchannel tests: interpreters made through {@link #interp} are closed after each
 * test, and every test ends with a leak check: {@code liveShares() == 0} in each of them and in
 * main.
 */
// a separate thread, so that even a deadlock (which no interrupt breaks) fails only its test
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ObjTestSupport {
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

  private final List<Interpreter> created = new ArrayList<>();

  /** A new interpreter, closed after the test. */
  Interpreter interp(String name) {
    Interpreter i = Interpreter.create(name);
    created.add(i);
    return i;
  }

  /** A new dedicated-thread interpreter, closed after the test. */
  Interpreter dedicated(String name) {
    Interpreter i = Interpreter.builder().name(name).dedicatedThread(true).build();
    created.add(i);
    return i;
  }

  @AfterEach
  void closeInterpretersAndCheckLeaks() {
    for (Interpreter i : created) {
      i.close();
    }
    List<Interpreter> all = new ArrayList<>(created);
    all.add(Interpreter.main());
    // Releases are pending calls (on a dedicated thread they run a moment later); proxies a
    // test dropped without release are released by the Cleaner once collected, hence the GC.
    awaitGc(
        () -> all.stream().allMatch(i -> i.liveShares() == 0),
        () -> "shares leaked: " + shares(all));
  }

  /** Each interpreter with its live shares, for messages. */
  static String shares(List<Interpreter> all) {
    StringBuilder sb = new StringBuilder();
    for (Interpreter i : all) {
      sb.append(i.name()).append('=').append(i.liveShares()).append(' ');
    }
    return sb.toString().trim();
  }

  /**
   * Waits until {@code done}, running the garbage collector between checks; fails after a
   * generous deadline (a watchdog, not a timing assertion).
   */
  static void awaitGc(BooleanSupplier done, java.util.function.Supplier<String> what) {
    long start = System.nanoTime();
    for (int round = 0; !done.getAsBoolean(); round++) {
      if (System.nanoTime() - start > DEADLINE_NANOS) {
        fail("still not done after the deadline: " + what.get());
      }
      if (round > 0) {
        System.gc();
      }
      try {
        Thread.sleep(round == 0 ? 1 : 20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** Runs the garbage collector a few times, for tests that something is NOT collected. */
  static void collectGarbage() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
