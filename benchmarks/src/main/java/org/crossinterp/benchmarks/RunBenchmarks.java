package org.crossinterp.benchmarks;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this module in one JMH run with the GC profiler, writes JMH's JSON
 * result, then {@code BENCHMARKS.md}. The Maven profile {@code benchmarks} starts it on the JDK
 * 25 of the toolchain; JMH forks each benchmark on that same JVM.
 *
 * <p>System properties: {@code crossinterp.bench.json} (default {@code
 * target/jmh-result.json}), {@code crossinterp.bench.report} (default {@code ../BENCHMARKS.md}),
 * {@code crossinterp.bench.quick} (a short smoke run) and {@code crossinterp.bench.args} (JMH
 * command-line options, split on spaces, e.g. {@code -i 20} or a benchmark regex). Arguments
 * are JMH command-line options too.
 */
public final class RunBenchmarks {
  private RunBenchmarks() {}

  /**
   * Runs the benchmarks and writes the report. A plain program: run it on its own thread.
   *
   * @param args JMH command-line options (e.g. {@code -i 20}, a benchmark regex)
   * @throws Exception if JMH fails (a benchmark threw, for example a leak check) or a file
   *     cannot be written
   */
  public static void main(String[] args) throws Exception {
    Path json = Path.of(System.getProperty("crossinterp.bench.json", "target/jmh-result.json"));
    Path report = Path.of(System.getProperty("crossinterp.bench.report", "../BENCHMARKS.md"));
    boolean quick = Boolean.getBoolean("crossinterp.bench.quick");
    String[] extra = System.getProperty("crossinterp.bench.args", "").strip().split("\\s+");
    String[] all = concat(extra, args);

    CommandLineOptions cli = new CommandLineOptions(all);
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .parent(cli)
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .shouldFailOnError(true);
    if (cli.getIncludes().isEmpty()) {
      b.include("^" + RunBenchmarks.class.getPackageName().replace(".", "\\.") + "\\.");
    }
    if (!cli.getJvmArgs().hasValue()) {
      // JMH would pass this launcher's own options on to every fork; the forks get only their
      // @Fork options, so the figures do not depend on how the launcher was started.
      b.jvmArgs();
    }
    if (quick) {
      b.warmupIterations(2)
          .warmupTime(TimeValue.milliseconds(300))
          .measurementIterations(3)
          .measurementTime(TimeValue.milliseconds(300))
          .forks(1);
    }

    String loadBefore = Machine.loadAverage();
    Instant started = Instant.now();
    new Runner(b.build()).run();
    Instant finished = Instant.now();

    JmhResults results = JmhResults.read(json);
    RunInfo run = new RunInfo(started, finished, loadBefore, Machine.loadAverage(), quick);
    run.save(RunInfo.beside(json));
    BenchmarkReport.write(results, run, report);
    System.out.println();
    BenchmarkReport.summary(results).forEach(System.out::println);
    System.out.println("Wrote " + report.toAbsolutePath().normalize());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] nonEmpty = Arrays.stream(a).filter(s -> !s.isEmpty()).toArray(String[]::new);
    String[] out = Arrays.copyOf(nonEmpty, nonEmpty.length + b.length);
    System.arraycopy(b, 0, out, nonEmpty.length, b.length);
    return out;
  }
}
