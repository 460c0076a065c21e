package org.crossinterp.reliability;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Everything at once, for a while ({@link StressRun}): many interpreters and threads, random
 * nested cross-calls, sends of buffers, strings and objects, releases and garbage-collected
 * views and proxies, interpreters closed and replaced under load, plus the {@link Ingredient}s:
 * dedicated threads, interrupts (of dedicated threads too), checking hooks, {@code
 * recv(Class)}, close races and stack overflows. Each run ends with no hang, no two threads in
 * one interpreter, no item lost or duplicated, and every {@code liveShares()} at 0.
 *
 * <p>The default build runs the base traffic and each ingredient alone for a moment (so that a
 * failure names its ingredient), then everything together; {@code mvn -Pstress verify} runs
 * everything together for {@code stress.minutes} minutes.
 */
public class StressTest {
  private static final Duration ALONE = Duration.ofSeconds(2);
  private static final Duration TOGETHER = Duration.ofSeconds(6);

  // each short run in a separate thread, so that even a hang the watchdog misses fails only it
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shortRunOfTheBaseTraffic() throws Exception {
    new StressRun(EnumSet.noneOf(Ingredient.class), ALONE).run();
  }

  @ParameterizedTest(name = "{0}")
  @Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @EnumSource(Ingredient.class)
  void shortRunWith(Ingredient ingredient) throws Exception {
    new StressRun(EnumSet.of(ingredient), ALONE).run();
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shortRunOfEverything() throws Exception {
    new StressRun(EnumSet.allOf(Ingredient.class), TOGETHER).run();
  }

  @Test
  @Tag("stress") // as long as stress.minutes says; the run's own watchdog bounds every wait
  void longRun() throws Exception {
    new StressRun(
            EnumSet.allOf(Ingredient.class), Duration.ofMinutes(Long.getLong("stress.minutes", 5)))
        .run();
  }
}
