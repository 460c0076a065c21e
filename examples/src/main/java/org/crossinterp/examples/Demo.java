package org.crossinterp.examples;

import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The demo: parallel text analytics over isolated interpreters.
 *
 * <p>It maps a text file read-only (or generates web-server log lines), cuts it into chunks at
 * line boundaries, and has K worker interpreters count lines, words, bytes and the first words
 * of lines, receiving the chunks as zero-copy views over a {@link
 * org.crossinterp.memchannel.MemChannel}. Then it counts again the usual way, copying each chunk
 * into a {@code byte[]} for plain threads, prints both throughputs and checks that both counts
 * agree and that no share leaked.
 *
 * <p>Exit codes: 0 success; 1 the two counts differ, a share leaked or a worker failed; 2 bad
 * options or an unreadable input file (one line on standard error, no stack trace).
 */
@Command(
    name = "crossinterp-demo",
    mixinStandardHelpOptions = true,
    version = "crossinterp demo 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Counts lines, words, bytes and the most frequent first words of lines in a text, in"
          + " parallel over isolated interpreters that receive the text as zero-copy views over"
          + " a MemChannel; then counts it again copying each chunk into a byte[] for plain"
          + " threads, and compares.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the counts agree and nothing leaked",
      "1:the counts differ, a share leaked, or a worker failed",
      "2:bad options, or the input file cannot be read"
    })
public final class Demo implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "Text file to analyse, mapped read-only. Default: generated web-server log"
          + " lines (see --size).")
  private Path input;

  @Option(
      names = {"-w", "--workers"},
      paramLabel = "K",
      description = "Worker interpreters (and threads of the copying run). Default: the number"
          + " of cores, ${DEFAULT-VALUE}.")
  private int workers = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      converter = ByteSize.class,
      defaultValue = "64M",
      description = "Size of the generated text when there is no --input, e.g. 64M, 512K, 1G."
          + " Default: ${DEFAULT-VALUE}.")
  private long size;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "554",
      description = "Seed of the generated text; the same seed gives the same text. Default:"
          + " ${DEFAULT-VALUE}.")
  private long seed;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      converter = ByteSize.class,
      defaultValue = "1M",
      description = "Target chunk size; chunks end at line ends. Default: ${DEFAULT-VALUE}.")
  private long chunkSize;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many of the most frequent first words to list. Default:"
          + " ${DEFAULT-VALUE}.")
  private int top;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar on standard error.")
  private boolean quiet;

  /**
   * Runs the demo and exits with its exit code. Main thread.
   *
   * @param args the command line; {@code --help} lists the options
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The demo as a picocli command line, for running it in-process: set its output and error
   * writers, then {@code execute(args)}, which returns the exit code instead of exiting.
   *
   * @return a new command line over a new {@code Demo}
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Demo());
  }

  /**
   * Runs the demo with the parsed options; picocli calls it on the thread that called {@code
   * execute}, which must not be inside an interpreter other than main.
   *
   * @return the exit code
   * @throws Exception if a worker failed unexpectedly (picocli prints it and returns 1)
   */
  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean showProgress = !quiet && Terminals.stderrIsTerminal();

    Corpus corpus;
    try {
      corpus = input != null ? Corpus.map(input) : generate(err, showProgress);
    } catch (CorpusException e) {
      err.println(spec.name() + ": " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    }
    try (corpus) {
      MemorySegment text = corpus.text();
      List<Chunker.Chunk> chunks = Chunker.split(text, chunkSize);
      warmUp(text);

      RunResult zeroCopy;
      try (ProgressBar bar = ProgressBar.start(err, "zero-copy", text.byteSize(), showProgress)) {
        zeroCopy = ZeroCopyRun.run(text, chunks, workers, bar);
      }
      RunResult copying;
      try (ProgressBar bar = ProgressBar.start(err, "copying", text.byteSize(), showProgress)) {
        copying = CopyingBaseline.run(text, chunks, workers, bar);
      }

      Report.print(out, corpus, chunks.size(), chunkSize, zeroCopy, copying, top);
      return verdict(out, err, zeroCopy, copying);
    }
  }

  private void validate() {
    if (workers < 1) {
      throw usage("--workers must be at least 1, was " + workers);
    }
    if (chunkSize < 1) {
      throw usage("--chunk-size must be at least 1 byte, was " + chunkSize);
    }
    if (top < 0) {
      throw usage("--top must not be negative, was " + top);
    }
    if (input != null && spec.commandLine().getParseResult().hasMatchedOption("--size")) {
      throw usage("--size is the size of the generated text; leave it out when giving --input");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private Corpus generate(PrintWriter err, boolean showProgress) {
    try (ProgressBar bar = ProgressBar.start(err, "generating", size, showProgress)) {
      return Corpus.generate(size, seed, bar::advance);
    }
  }

  /**
   * Counts a prefix once with each of the two counting loops, unmeasured, so that neither
   * timed run pays for compiling its loop.
   */
  private static void warmUp(MemorySegment text) {
    MemorySegment prefix = text.asSlice(0, Math.min(text.byteSize(), 16L << 20));
    new WordStats().add(prefix);
    new WordStats().add(prefix.toArray(ValueLayout.JAVA_BYTE));
  }

  private static int verdict(PrintWriter out, PrintWriter err, RunResult zeroCopy,
      RunResult copying) {
    boolean same = zeroCopy.totals().equals(copying.totals());
    boolean leakFree = zeroCopy.sharesLeft().isEmpty();
    if (same && leakFree) {
      out.printf(
          Locale.ROOT,
          "%n  check: counts identical in both runs; liveShares() == 0 in main and in all %d"
              + " worker interpreters, which are closed%n",
          zeroCopy.workers().size());
      out.flush();
      return CommandLine.ExitCode.OK;
    }
    if (!same) {
      err.println(
          "error: the zero-copy and copying runs counted differently: "
              + summary(zeroCopy.totals())
              + " vs "
              + summary(copying.totals()));
    }
    if (!leakFree) {
      err.println("error: shares still live after the run: " + zeroCopy.sharesLeft());
    }
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  private static String summary(Totals t) {
    return t.lines() + " lines, " + t.words() + " words, " + t.bytes() + " bytes, "
        + t.firstWords().size() + " distinct first words";
  }
}
