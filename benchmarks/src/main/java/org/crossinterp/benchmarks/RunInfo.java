package org.crossinterp.benchmarks;

import java.time.Duration;
import java.time.Instant;

/**
 * How the run was made, beyond what JMH's JSON records.
 *
 * @param started when the runner started
 * @param finished when JMH finished
 * @param loadBefore the load average before the first fork
 * @param loadAfter the load average after the last fork
 * @param quick whether this was the short smoke configuration
 */
record RunInfo(Instant started, Instant finished, String loadBefore, String loadAfter,
    boolean quick) {
  /**
   * The wall time of the run.
   *
   * @return finished minus started
   */
  Duration wallTime() {
    return Duration.between(started, finished);
  }
}
