package org.crossinterp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;

/**
 * One stack overflow in deep mutual recursion {@code a.call -> b.call -> a.call ...}, and the
 * checks that it left both interpreters as before. Plain Java (no JUnit), so that {@link
 * RecursionRobustnessTest} can also run it in fresh JVMs ({@link #main}), where the overflow hits
 * the interpreter's bookkeeping while it is still interpreted, not yet compiled.
 */
final class RecursionScenario {
  static final Duration RUN_BOUND = Duration.ofSeconds(10);
  static final Duration CHECK_BOUND = Duration.ofSeconds(3);
  static final int SIZES = 20;

  private RecursionScenario() {}

  /** The i-th of {@link #SIZES} stack sizes from 128 KiB to 1 MiB. */
  static long stackSize(int i) {
    return (128L + i * (1024L - 128L) / (SIZES - 1)) * 1024;
  }

  /** Pads tried at each stack size, so that the stack runs out at many different points. */
  static final int[] PADS = {0, 11, 23};

  /**
   * In a fresh JVM: one overflow with a large stack first, while the code is still cold (the
   * recursion then runs while the JIT compiles it, and the overflow lands in frames of every
   * tier), then every stack size and pad. Stops at the first broken interpreter, prints {@code
   * OK} or {@code FAIL <what>} and halts with 0 or 1 (which also ends any thread a failure left
   * stuck or spinning).
   *
   * @param args hooks, releases (booleans), the first stack size in KiB, its pad
   */
  public static void main(String[] args) {
    boolean hooks = Boolean.parseBoolean(args[0]);
    boolean releases = Boolean.parseBoolean(args[1]);
    long coldKib = Long.parseLong(args[2]);
    int coldPad = Integer.parseInt(args[3]);
    String failure;
    try {
      failure = run(coldKib * 1024, coldPad, hooks, releases);
      for (int i = 0; i < SIZES && failure == null; i++) {
        for (int pad : PADS) {
          failure = run(stackSize(i), pad, hooks, releases);
          if (failure != null) {
            break;
          }
        }
      }
    } catch (Throwable t) {
      failure = "the check itself threw " + t;
    }
    System.out.println(failure == null ? "OK" : "FAIL " + failure.replace('\n', '|'));
    System.out.flush();
    Runtime.getRuntime().halt(failure == null ? 0 : 1);
  }

  /**
   * Overflows the stack once on a fresh platform thread of {@code stackSize} bytes.
   *
   * @return null if both interpreters were left as before, else what is wrong
   */
  static String run(long stackSize, int pad, boolean hooks, boolean releases) throws Exception {
    String where =
        "stack "
            + stackSize / 1024
            + " KiB, pad "
            + pad
            + ", hooks="
            + hooks
            + ", releases="
            + releases;
    AtomicLong counter = new AtomicLong();
    Interpreter a = build("rec-a", hooks, counter);
    Interpreter b = build("rec-b", hooks, counter);
    Interpreter[] ab = {a, b};
    // views of a's exports are released at the levels in b, and the other way round
    List<ConcurrentLinkedQueue<CrossInterpreterView>> viewsOf =
        List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
    List<CrossInterpreterView> allViews = new ArrayList<>();
    if (releases) {
      MemChannel ch = MemChannel.create();
      for (int k = 0; k < 2; k++) {
        BufferExporter exporter = new CountingExporter(counter);
        ab[k].run(
            () -> {
              for (int n = 0; n < 200; n++) {
                ch.trySend(exporter);
              }
            });
        for (int n = 0; n < 200; n++) {
          CrossInterpreterView v = ch.recv();
          viewsOf.get(k).add(v);
          allViews.add(v);
        }
      }
    }
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Thread deep =
        Thread.ofPlatform()
            .daemon(true)
            .name("recursion " + where)
            .stackSize(stackSize)
            .uncaughtExceptionHandler((t, e) -> uncaught.add(e))
            .start(
                () -> {
                  try {
                    pad(pad, () -> down(ab, viewsOf, 0));
                    thrown.set(new AssertionError("the infinite recursion returned"));
                  } catch (Throwable e) {
                    thrown.set(e);
                  }
                });
    if (!deep.join(RUN_BOUND)) {
      return where + ": the recursion did not end within " + RUN_BOUND + "\n" + stackOf(deep);
    }
    Throwable t = thrown.get();
    if (!(t instanceof StackOverflowError)) {
      return where + ": the caller got " + describe(t) + " instead of the StackOverflowError";
    }
    for (Interpreter i : ab) {
      if (i.isRunning()) {
        return where + ": " + i + " still has a thread inside (isRunning() is true)";
      }
    }
    String late =
        bounded(where + ": a call from another thread", () -> a.call(() -> b.call(() -> 3)));
    if (late != null) {
      return late;
    }
    if (releases) {
      allViews.forEach(CrossInterpreterView::release); // idempotent: also those hit by the overflow
      long end = System.nanoTime() + CHECK_BOUND.toNanos();
      for (Interpreter i : ab) {
        while (i.liveShares() != 0) {
          if (System.nanoTime() > end) {
            return where
                + ": "
                + i
                + " still has "
                + i.liveShares()
                + " live shares after every view was released";
          }
          Thread.sleep(1);
        }
      }
    }
    for (Interpreter i : ab) {
      String closing =
          bounded(
              where + ": close() of " + i,
              () -> {
                i.close();
                return null;
              });
      if (closing != null) {
        return closing;
      }
      if (i.isRunning() || Interpreter.listAll().contains(i)) {
        return where + ": " + i + " still running or listed after close()";
      }
    }
    return null;
  }

  static String stackOf(Thread t) {
    StringBuilder sb = new StringBuilder("  \"" + t.getName() + "\" " + t.getState() + "\n");
    for (StackTraceElement e : t.getStackTrace()) {
      sb.append("    at ").append(e).append('\n');
    }
    return sb.toString();
  }

  private static String describe(Throwable t) {
    if (t == null) {
      return "nothing";
    }
    StringBuilder sb = new StringBuilder(t.toString());
    StackTraceElement[] st = t.getStackTrace();
    for (int i = 0; i < Math.min(6, st.length); i++) {
      sb.append("\n    at ").append(st[i]);
    }
    return sb.toString();
  }

  /** Runs {@code body} on another thread: null if it returned in time, else what went wrong. */
  private static String bounded(String what, Callable<?> body) throws InterruptedException {
    CompletableFuture<Object> f = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .daemon(true)
            .name(what)
            .start(
                () -> {
                  try {
                    f.complete(body.call());
                  } catch (Throwable e) {
                    f.completeExceptionally(e);
                  }
                });
    try {
      f.get(CHECK_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      return what + " did not return within " + CHECK_BOUND + "\n" + stackOf(t);
    } catch (java.util.concurrent.ExecutionException e) {
      return what + " threw " + describe(e.getCause());
    }
  }

  private static Interpreter build(String name, boolean hooks, AtomicLong counter) {
    Interpreter.Builder b = Interpreter.builder().name(name);
    if (hooks) {
      List<Object> scratch = new ArrayList<>();
      b =
          b.onEnter(
                  () -> {
                    counter.incrementAndGet();
                    scratch.add(name); // a little stack and allocation, as a real backend has
                    scratch.clear();
                  })
              .onLeave(counter::incrementAndGet);
    }
    return b.build();
  }

  /** Uses {@code n} small frames, then runs {@code then}: moves where the stack runs out. */
  private static int pad(int n, Callable<Integer> then) throws Exception {
    return n == 0 ? then.call() : pad(n - 1, then) + 1;
  }

  /** a.call(b.call(a.call(...))) until the stack runs out; each level releases a view on exit. */
  private static int down(
      Interpreter[] ab, List<ConcurrentLinkedQueue<CrossInterpreterView>> viewsOf, int level)
      throws Exception {
    int k = level & 1;
    return ab[k].call(
        () -> {
          try {
            return down(ab, viewsOf, level + 1) + 1;
          } finally {
            CrossInterpreterView v = viewsOf.get(1 - k).poll(); // exported by the other one
            if (v != null) {
              v.release();
            }
          }
        });
  }

  /** A user exporter, so that the last release of each send is a pending call in the origin. */
  private static final class CountingExporter implements BufferExporter {
    private final MemorySegment memory = Arena.ofAuto().allocate(16);
    private final AtomicLong counter;

    CountingExporter(AtomicLong counter) {
      this.counter = counter;
    }

    @Override
    public MemorySegment acquireExport() {
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {
      counter.incrementAndGet();
    }
  }
}
