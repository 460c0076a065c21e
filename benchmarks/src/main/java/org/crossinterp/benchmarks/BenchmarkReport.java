package org.crossinterp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code BENCHMARKS.md}: the machine, every figure with its error, and the DESIGN.md
 * section 8 targets with their ratios and PASS/MISS verdicts.
 *
 * <p>{@link RunBenchmarks} calls it after a run; {@link #main} regenerates the report from a
 * JMH JSON file that is already there.
 */
public final class BenchmarkReport {
  /** The command that runs the benchmarks and writes the report, for the report's header. */
  static final String COMMAND = "mvn -B -pl benchmarks -am -Pbenchmarks -DskipTests package";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private BenchmarkReport() {}

  /**
   * Regenerates the report from a JMH JSON result. Run with the benchmarks' class path, from
   * any thread (it is a plain program).
   *
   * @param args the JSON file (default {@code target/jmh-result.json}) and the report file
   *     (default {@code ../BENCHMARKS.md}), both relative to the working directory; the run
   *     information saved beside the JSON file is used when present
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path json = Path.of(args.length > 0 ? args[0] : "target/jmh-result.json");
    Path md = Path.of(args.length > 1 ? args[1] : "../BENCHMARKS.md");
    Path saved = RunInfo.beside(json);
    RunInfo run;
    if (Files.exists(saved)) {
      run = RunInfo.load(saved);
    } else {
      Instant when = Files.getLastModifiedTime(json).toInstant();
      run = new RunInfo(when, when, "unknown", "unknown", false);
    }
    write(JmhResults.read(json), run, md);
    System.out.println("Wrote " + md.toAbsolutePath().normalize());
  }

  /**
   * Writes the report.
   *
   * @param results the JMH run
   * @param run how it was made
   * @param file where to write it; replaced
   * @throws IOException if it cannot be written
   */
  static void write(JmhResults results, RunInfo run, Path file) throws IOException {
    Files.writeString(file, render(results, run));
  }

  /**
   * The report's Markdown.
   *
   * @param r the JMH run
   * @param run how it was made
   * @return the text
   */
  static String render(JmhResults r, RunInfo run) {
    StringBuilder b = new StringBuilder();
    b.append("# crossinterp benchmarks\n\n");
    b.append("DESIGN.md §8 targets M1–M4, each measured against its baseline in the same JMH run.")
        .append(" Regenerate with\n\n```sh\n").append(COMMAND).append("\n```\n\n")
        .append("(about 3 minutes on 2 cores; see `benchmarks/README.md`).\n\n");
    if (run.quick()) {
      b.append("> **Quick smoke run** (`-Dbench.quick=true`): iterations too short and too few for")
          .append(" the figures to mean much. Rerun without it for real numbers.\n\n");
    }

    double busy = oneMinuteLoad(run.loadBefore());
    if (busy > Machine.cores() / 2.0) {
      b.append("> **Busy machine:** the load average was ").append(Fmt.num(busy))
          .append(" on ").append(Machine.cores()).append(" cores before the run, so other work")
          .append(" competed with the benchmarks and the figures are noisy. Rerun on a quiet")
          .append(" machine for figures to quote.\n\n");
    }

    b.append("## Run\n\n| | |\n| --- | --- |\n");
    row(b, "Date", DATE.format(run.finished()));
    row(b, "CPU", Machine.cpuModel() + ", " + Machine.cores() + " logical cores");
    row(b, "OS", Machine.os());
    row(b, "JDK", r.jdkVersion() + " (" + r.vm() + ")");
    row(b, "JMH", r.jmhVersion() + "; " + r.settings());
    row(b, "Fork JVM options", r.jvmArgs().isEmpty() ? "(none)" : "`" + String.join(" ", r.jvmArgs()) + "`");
    row(b, "Load average (1/5/15 min)", "before: " + run.loadBefore() + "; after: " + run.loadAfter());
    if (!run.wallTime().isZero()) {
      row(b, "Wall time", run.wallTime().toSeconds() + " s");
    }

    b.append("\n## Targets\n\n| id | what | measured | target | verdict |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (Verdict v : Targets.evaluate(r)) {
      b.append("| ").append(v.id()).append(" | ").append(v.what()).append(" | ")
          .append(v.measured()).append(" | ").append(v.target()).append(" | **")
          .append(v.status()).append("** |\n");
    }

    b.append("\n## All figures\n\n")
        .append("| benchmark | params | threads | score ± error | allocated per op ± error |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (Figure f : r.figures()) {
      b.append("| ").append(f.shortName()).append(" | ").append(params(f.params())).append(" | ")
          .append(f.threads()).append(" | ").append(Fmt.metric(f.primary())).append(" | ")
          .append(f.allocatedPerOp().map(Fmt::metric).orElse("—"))
          .append(f.threads() > 1 && f.allocatedPerOp().isPresent() ? " ¹" : "").append(" |\n");
    }
    b.append("\n¹ For two-thread groups JMH divides the bytes allocated by every invocation of")
        .append(" either thread, counted over the whole iteration (its ramp-up and ramp-down")
        .append(" included): indicative only. M4 uses the single-thread round trip.\n");

    b.append("\n## How to read this\n\n")
        .append("- Errors are JMH's half-widths of the 99.9 % confidence interval over the")
        .append(" measurement iterations of one fork; a ratio's error combines the two relative")
        .append(" errors in quadrature. Verdicts compare the point estimate with the target.\n")
        .append("- Every benchmark thread stays in the main interpreter, which sends, receives,")
        .append(" and is the origin the release switches back to (as a pending call): the channel")
        .append(" is measured, not `Interpreter.call`.\n")
        .append("- M1/M4: `RoundTripBenchmark`, one thread, one `SharedBuffer` allocated once;")
        .append(" each round trip reads the view's last byte. M4 is the GC profiler's")
        .append(" `gc.alloc.rate.norm` of the same benchmark.\n")
        .append("- M2: `CopyVsZeroCopyBenchmark`, one thread; the baseline copies the 1 MiB")
        .append(" `byte[]` into a fresh array on send (`Arrays.copyOf`), queues it in an")
        .append(" `ArrayBlockingQueue` and takes it back; both sides read the last byte.\n")
        .append("- M3: `HandOffBenchmark`, a JMH group of one producer and one consumer thread;")
        .append(" capacity 1024 for both the `MemChannel` (`trySend`/`tryRecv`) and the raw")
        .append(" `SpscAtomicArrayQueue` (`offer`/`poll`), both spinning on a full/empty queue.")
        .append(" Each invocation moves one item, so the score is the time per item. The group")
        .append(" `memChannelBlocking` uses the blocking `send`/`recv` (with 1 ms timeouts, to")
        .append(" notice the end of an iteration) instead; it is shown beside M3 but does not")
        .append(" decide it. Spinning threads suffer most from a loaded machine: a descheduled")
        .append(" partner stalls the spinner for a whole time slice.\n")
        .append("- Leak detection runs at its default level (`SIMPLE`, one view in 128 records")
        .append(" its creation site), as in production; every benchmark fails if a share is")
        .append(" still live at teardown.\n")
        .append("- Figures taken on a machine running other work are noisy, the two-thread M3")
        .append(" above all; compare the load averages above with the core count.\n");
    return b.toString();
  }

  /** The first figure of a load-average string, or 0 when unknown. */
  private static double oneMinuteLoad(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.strip().split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String params(Map<String, String> params) {
    if (params.isEmpty()) {
      return "—";
    }
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /**
   * The verdicts alone, one line each, for the console after a run.
   *
   * @param r the JMH run
   * @return e.g. {@code M1 PASS  ratio 1.02 ± 0.05}
   */
  static List<String> summary(JmhResults r) {
    return Targets.evaluate(r).stream()
        .map(v -> v.id() + " " + v.status() + ": " + v.measured().replace("<br>", "; ").replace("**", ""))
        .toList();
  }
}
