package org.crossinterp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the report says about the machine: CPU model and cores from {@code /proc/cpuinfo}, the
 * load average from {@code /proc/loadavg}. Falls back to {@code unknown} off Linux.
 */
final class Machine {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private Machine() {}

  /**
   * The CPU model, from the first {@code model name} line of {@code /proc/cpuinfo}.
   *
   * @return the model, or {@code unknown}
   */
  static String cpuModel() {
    return cpuinfo().stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("unknown");
  }

  /**
   * The logical cores: {@code processor} entries of {@code /proc/cpuinfo}, or what the JVM sees
   * if that file is missing.
   *
   * @return the count
   */
  static int cores() {
    long n = cpuinfo().stream().filter(l -> l.startsWith("processor")).count();
    return n > 0 ? (int) n : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The 1, 5 and 15 minute load averages.
   *
   * @return e.g. {@code 0.52 0.40 0.33}, or {@code unknown}
   */
  static String loadAverage() {
    try {
      String[] f = Files.readString(LOADAVG).strip().split("\\s+");
      return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * The operating system.
   *
   * @return name, version and architecture
   */
  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
  }

  private static List<String> cpuinfo() {
    try {
      return Files.readAllLines(CPUINFO);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
