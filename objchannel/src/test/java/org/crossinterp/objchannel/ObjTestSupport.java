package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /** The frame every channel wait parks in (send for room or a receiver, recv for an item). */
  static final String CHANNEL_WAIT = "Waiter.awaitWoken";

  /**
   * A task submitted to an interpreter: its outcome, and the thread that runs it, so that a test
   * can wait until that thread is parked where it expects instead of sleeping and hoping.
   */
  static final class Submitted<T> extends CompletableFuture<T> {
    private final CompletableFuture<Thread> runner = new CompletableFuture<>();

    /** The thread running the task, once the task has begun (waits for that, boundedly). */
    Thread runner() {
      try {
        return runner.get(DEADLINE_NANOS, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return fail("the submitted task never began: " + this);
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted");
      }
    }
  }

  /** Runs {@code task} in {@code in} on another thread ({@link Interpreter#submit}). */
  static <T> Submitted<T> submitTo(Interpreter in, Callable<T> task) {
    Submitted<T> s = new Submitted<>();
    in.submit(
            () -> {
              s.runner.complete(Thread.currentThread());
              return task.call();
            })
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                s.complete(v);
              } else {
                s.completeExceptionally(e instanceof CompletionException c ? c.getCause() : e);
              }
            });
    return s;
  }

  /** As {@link #awaitParkedIn(Thread, Future, String...)} for the thread running {@code s}. */
  static void awaitParkedIn(Submitted<?> s, String... frames) {
    awaitParkedIn(s.runner(), s, frames);
  }

  /**
   * Waits until {@code t} is parked (WAITING or TIMED_WAITING) with every one of {@code frames}
   * ({@code "SimpleClassName.method"}, e.g. {@code "ObjChannel.send"}) on its stack: the state a
   * test needs before it acts on a waiter. Fails if {@code outcome} (may be null) completes or the
   * thread ends first, and after a generous deadline (a watchdog, not a timing assertion).
   */
  static void awaitParkedIn(Thread t, Future<?> outcome, String... frames) {
    long start = System.nanoTime();
    while (!isParkedIn(t, frames)) {
      if (outcome != null && outcome.isDone()) {
        fail(t.getName() + " finished instead of waiting in " + Arrays.toString(frames) + ": "
            + outcome);
      }
      if (t.getState() == Thread.State.TERMINATED) {
        fail(t.getName() + " ended instead of waiting in " + Arrays.toString(frames));
      }
      if (System.nanoTime() - start > DEADLINE_NANOS) {
        fail(t.getName() + " never parked in " + Arrays.toString(frames) + "; it is "
            + t.getState() + " at " + Arrays.toString(t.getStackTrace()));
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** Whether {@code t} is parked right now with each of {@code frames} on its stack. */
  static boolean isParkedIn(Thread t, String... frames) {
    if (!isParked(t.getState())) {
      return false;
    }
    StackTraceElement[] stack = t.getStackTrace();
    if (!isParked(t.getState())) {
      return false; // it moved while its stack was taken: look again
    }
    for (String frame : frames) {
      if (!hasFrame(stack, frame)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isParked(Thread.State s) {
    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  private static boolean hasFrame(StackTraceElement[] stack, String frame) {
    int dot = frame.lastIndexOf('.');
    String type = frame.substring(0, dot);
    String method = frame.substring(dot + 1);
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      if (e.getMethodName().equals(method)
          && (c.equals(type) || c.endsWith("." + type) || c.endsWith("$" + type))) {
        return true;
      }
    }
    return false;
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
