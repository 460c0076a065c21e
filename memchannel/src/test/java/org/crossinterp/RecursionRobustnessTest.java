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
      String failure = RecursionScenario.run(RecursionScenario.stackSize(i), 0, hooks, releases);
      if (failure != null) {
        fail(failure);
      }
    }
  }

  /**
   * The same in fresh JVMs, one per variant: the overflow then hits the interpreter's bookkeeping
   * while it still runs interpreted. A child that hangs is killed (with whatever it left stuck).
   */
  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aStackOverflowInAFreshJvmLeavesEveryInterpreterAsBefore() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        String.join(
            File.pathSeparator,
            locationOf(Interpreter.class),
            locationOf(RecursionScenario.class),
            locationOf(org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue.class));
    boolean[][] variants = {{false, false}, {true, false}, {false, true}, {true, true}};
    List<Process> children = new ArrayList<>();
    for (boolean[] v : variants) {
      children.add(
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  classPath,
                  RecursionScenario.class.getName(),
                  String.valueOf(v[0]),
                  String.valueOf(v[1]))
              .redirectErrorStream(true)
              .start());
    }
    List<String> failures = new ArrayList<>();
    for (int k = 0; k < children.size(); k++) {
      Process p = children.get(k);
      String variant = "hooks=" + variants[k][0] + ", releases=" + variants[k][1];
      if (!p.waitFor(25, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        failures.add(variant + ": the child JVM hung");
        continue;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 || !out.endsWith("OK")) {
        failures.add(variant + ": exit " + p.exitValue() + ": " + out.replace('|', '\n'));
      }
    }
    children.forEach(Process::destroyForcibly);
    assertEquals(List.of(), failures, () -> String.join("\n\n", failures));
  }

  private static String locationOf(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
