package org.crossinterp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Robustness (DESIGN.md section 1): a {@link StackOverflowError} anywhere inside a call, here
 * deep mutual recursion {@code a.call -> b.call -> a.call ...}, propagates to the caller and
 * leaves every interpreter on the way exactly as before: lock free (a call from another thread
 * completes), {@code isRunning()} false, {@code close()} works, no share pinned.
 *
 * <p>Where the stack runs out decides which bookkeeping it hits, so the recursion runs on platform
 * threads of 20 stack sizes from 128 KiB to 1 MiB, with and without onEnter/onLeave hooks, and
 * with and without view releases (pending calls of the other interpreter) in the {@code finally}
 * of every level, which run while the stack unwinds; both in this JVM (compiled code) and in
 * fresh JVMs (interpreted code, where the frames are larger). See {@link RecursionScenario}.
 */
class RecursionRobustnessTest {

  @ParameterizedTest(name = "hooks={0}, releases={1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStackOverflowInMutualRecursionLeavesEveryInterpreterAsBefore(
      boolean hooks, boolean releases) throws Exception {
    for (int i = 0; i < RecursionScenario.SIZES; i++) {
      for (int pad : RecursionScenario.PADS) {
        String failure =
            RecursionScenario.run(RecursionScenario.stackSize(i), pad, hooks, releases);
        if (failure != null) {
          fail(failure);
        }
      }
    }
  }

  /**
   * The same in fresh JVMs, one per variant, each starting with a 16 MiB stack while the code is
   * cold: the recursion then runs while the JIT compiles it, and the overflow lands in frames of
   * every tier (a warmed-up JVM, with the bookkeeping compiled and inlined, rarely breaks). A
   * child that hangs is killed, with whatever it left stuck. Two children run at a time.
   */
  @Test
  @Timeout(value = 200, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStackOverflowInAFreshJvmLeavesEveryInterpreterAsBefore() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        String.join(
            File.pathSeparator,
            locationOf(Interpreter.class),
            locationOf(RecursionScenario.class),
            locationOf(org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue.class));
    boolean[][] variants = {{false, false}, {true, false}, {false, true}, {true, true}};
    List<String> failures = new ArrayList<>();
    List<Process> all = new ArrayList<>();
    try {
      for (int k = 0; k < variants.length; k += 2) {
        List<Process> pair = new ArrayList<>();
        for (int j = k; j < Math.min(k + 2, variants.length); j++) {
          Process p =
              new ProcessBuilder(
                      java,
                      "-Xmx256m",
                      "-cp",
                      classPath,
                      RecursionScenario.class.getName(),
                      String.valueOf(variants[j][0]),
                      String.valueOf(variants[j][1]),
                      "16384",
                      String.valueOf(j * 7))
                  .redirectErrorStream(true)
                  .start();
          pair.add(p);
          all.add(p);
        }
        for (int j = 0; j < pair.size(); j++) {
          Process p = pair.get(j);
          String variant = "hooks=" + variants[k + j][0] + ", releases=" + variants[k + j][1];
          if (!p.waitFor(90, TimeUnit.SECONDS)) { // cold JVMs, interpreted: slow, not stuck
            p.destroyForcibly();
            failures.add(variant + ": the child JVM hung");
            continue;
          }
          String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          String last = out.strip().lines().reduce((x, y) -> y).orElse("");
          if (p.exitValue() != 0 || !last.equals("OK")) {
            failures.add(variant + ": exit " + p.exitValue() + ": " + last.replace('|', '\n'));
          }
        }
      }
    } finally {
      all.forEach(Process::destroyForcibly);
    }
    assertEquals(List.of(), failures, () -> String.join("\n\n", failures));
  }

  private static String locationOf(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
