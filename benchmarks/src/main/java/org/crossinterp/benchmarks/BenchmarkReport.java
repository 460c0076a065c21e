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
    b.append("DESIGN.md §8 targets M1–M4, S1, P1 and P2, each measured against its baseline in")
        .append(" the same JMH run. Regenerate with\n\n```sh\n").append(COMMAND).append("\n```\n\n")
        .append("(about 8 minutes on 2 quiet cores; see `benchmarks/README.md`).\n\n");
    if (run.quick()) {
      b.append("> **Quick smoke run** (`-Dbench.quick=true`): iterations too short and too few for")
          .append(" the figures to mean much. Rerun without it for real numbers.\n\n");
    }

    double busy = load(run.loadBefore(), 0);
    // the run itself keeps one or two cores busy: more than that over the last 5 minutes of
    // the run was other work
    double during = load(run.loadAfter(), 1);
    if (busy > Machine.cores() / 2.0 || during > Machine.cores() + 1) {
      b.append("> **Busy machine:** the load average was ").append(Fmt.num(busy))
          .append(" before the run and ").append(Fmt.num(during))
          .append(" (5-minute) after it, on ").append(Machine.cores())
          .append(" cores, so other work competed with the benchmarks and the figures are")
          .append(" noisy. Rerun on a quiet machine for figures to quote.\n\n");
    }

    b.append("## Run\n\n| | |\n| --- | --- |\n");
    row(b, "Date", DATE.format(run.finished()));
    row(b, "CPU", Machine.cpuModel() + ", " + Machine.cores() + " logical cores");
    row(b, "OS", Machine.os());
    row(b, "JDK", r.jdkVersion() + " (" + r.vm() + ")");
    row(b, "JMH", r.jmhVersion() + ", GC profiler (`-prof gc`)");
    row(b, "Load average (1/5/15 min)", "before: " + run.loadBefore() + "; after: " + run.loadAfter());
    if (!run.wallTime().isZero()) {
      row(b, "Wall time", run.wallTime().toSeconds() + " s");
    }

    b.append("\n### Settings\n\n| benchmarks | JMH settings | fork JVM options |\n")
        .append("| --- | --- | --- |\n");
    r.settingsGroups()
        .forEach(
            (settings, classes) ->
                b.append("| ").append(String.join(", ", classes)).append(" | ")
                    .append(settings.get(0)).append(" | ")
                    .append(settings.get(1).isEmpty() ? "(none)" : "`" + settings.get(1) + "`")
                    .append(" |\n"));

    b.append("\n## Targets\n\n| id | what | measured | target | verdict |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (Verdict v : Targets.evaluate(r)) {
      b.append("| ").append(v.id()).append(" | ").append(v.what()).append(" | ")
          .append(v.measured()).append(" | ").append(v.target()).append(" | **")
          .append(v.status()).append("** |\n");
    }

    List<Comparisons.Comparison> others = Comparisons.of(r);
    if (!others.isEmpty()) {
      b.append("\n## Other comparisons (no target)\n\n")
          .append("| what | measured | baseline | time / baseline's |\n")
          .append("| --- | --- | --- | --- |\n");
      for (Comparisons.Comparison c : others) {
        b.append("| ").append(c.what()).append(" | ").append(Fmt.metric(c.subject())).append(" | ")
            .append(c.baseline().map(m -> c.baselineLabel() + ": " + Fmt.metric(m)).orElse("—"))
            .append(" | ").append(c.ratio().map(Fmt::metric).orElse("—")).append(" |\n");
      }
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
        .append("- M1–M4: every benchmark thread stays in the main interpreter, which sends,")
        .append(" receives, and is the origin the release switches back to (as a pending call):")
        .append(" the channel is measured, not `Interpreter.call`.\n")
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
        .append("- S1: `StrViewBenchmark`, one thread, two 1 MiB UTF-8 texts generated from a")
        .append(" fixed seed into a shared arena: ASCII words, and the same with about one char")
        .append(" in four outside ASCII (2-, 3- and 4-byte sequences, emoji as surrogate pairs).")
        .append(" First use is `StrView.wrap(segment, UTF8)`, which validates every byte, plus")
        .append(" one `charAt` in the middle (on mixed text that first `charAt` also builds the")
        .append(" sparse char index), against `new String(bytes, UTF_8)` from a `byte[]` plus the")
        .append(" same `charAt`. Both types cache their hash, so `hashCode` is measured on a")
        .append(" fresh StrView (wrapped) and a fresh String (decoded) made for every invocation")
        .append(" in a `Level.Invocation` setup outside the timing (JMH's per-invocation cost is")
        .append(" negligible against hashing 1 MiB; both hash bytes their construction has just")
        .append(" read); their allocation column includes that setup. `equals` compares two")
        .append(" StrViews over different memory with the same bytes, and two distinct equal")
        .append(" Strings.\n")
        .append("- P1: `ProxyCallBenchmark`. A `SimpleCounter` is owned by interpreter A; B")
        .append(" received a proxy of it over an `ObjChannel`. JMH's thread cannot stay inside an")
        .append(" interpreter between invocations, so each invocation enters B once")
        .append(" (`B.call`) and makes 64 calls there (`@OperationsPerInvocation(64)`): every")
        .append(" proxy call is a genuine call from inside B (give B's lock back, take A's, run,")
        .append(" undo both), and the one `B.call` per 64 calls, paid alike by the proxy and the")
        .append(" baselines, adds about 1/64 of its cost to each per-call figure. The baselines")
        .append(" run the same way: \"lock A's `ReentrantLock`, `counter.increment()`, unlock\"")
        .append(" and a `java.lang.reflect.Proxy` whose handler takes that lock and calls")
        .append(" `Method.invoke`. Shown without a target: a JDK proxy that makes the same")
        .append(" switch as the ObjChannel proxy with the public API (`A.call(() ->")
        .append(" method.invoke(counter, args))`), so that the two differ only in how they")
        .append(" dispatch; the same proxy call from a thread in")
        .append(" main (no lock of its own to give back), a `retain`/`release` pair, and a round")
        .append(" trip in which A sends a second counter, B receives it as a new proxy, calls it")
        .append(" once and releases it (the share returns to A as a pending call).\n")
        .append("- P2: `ProxyClassBenchmark.newInterface` is single-shot: before every invocation,")
        .append(" outside the timing, ByteBuddy defines a new public interface (three methods) in")
        .append(" a class loader of its own, so each measured call is a cache miss that generates,")
        .append(" defines and loads a proxy class, with a warm JIT; the figure is the mean over")
        .append(" all measured shots of two forks. `coldJvm` is the first proxy class in a fresh")
        .append(" JVM (one shot per fork, five forks). `ProxyGenBenchmark` measures proxy")
        .append(" creation and a generated proxy's call (dispatcher → `Invoker` →")
        .append(" `Counter.increment()`) against a direct call and two JDK proxies, without")
        .append(" interpreters.\n")
        .append("- Leak detection runs at its default level (`SIMPLE`, one view in 128 records")
        .append(" its creation site), as in production; every benchmark fails if a share is")
        .append(" still live at teardown in main or any interpreter it created.\n")
        .append("- Figures taken on a machine running other work are noisy, the two-thread M3")
        .append(" above all; compare the load averages above with the core count.\n");
    return b.toString();
  }

  /** Figure {@code which} (0: 1 minute, 1: 5 minutes) of a load-average string, or 0 when unknown. */
  private static double load(String loadAverage, int which) {
    try {
      return Double.parseDouble(loadAverage.strip().split("\\s+")[which]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
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
