package org.crossinterp.examples;

import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.crossinterp.strview.Encoding;
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
 * line boundaries, and has K worker interpreters count lines, words, bytes, the first words of
 * lines and the frequency of every word, receiving the chunks as zero-copy views over a {@link
 * org.crossinterp.memchannel.MemChannel} and reading them as {@link
 * org.crossinterp.strview.StrView}s. The workers report each chunk's counts into a statistics
 * object of main's, through proxies received over an {@link
 * org.crossinterp.objchannel.ObjChannel}. Then it counts again the usual way, copying each chunk
 * into a {@code byte[]} for plain threads that share the statistics under a lock. Both ways run a
 * few rounds, alternately; the fastest round of each is reported. Finally it checks that all
 * counts agree and that no share leaked.
 *
 * <p>Text is read as UTF-8 unless {@code --encoding latin-1} is given. A file that is not valid
 * UTF-8 is refused up front (exit code 2, one line naming the first bad byte and the fix) rather
 * than counted with replacement characters: the zero-copy workers read text, and text that is
 * not what it claims would make their words differ from the file's.
 *
 * <p>Exit codes: 0 success; 1 the two counts differ, a share leaked or a worker failed; 2 bad
 * options, an unreadable input file, or a file that is not valid in its encoding (one line on
 * standard error, no stack trace).
 */
@Command(
    name = "crossinterp-demo",
    mixinStandardHelpOptions = true,
    version = "crossinterp demo 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Counts lines, words, bytes, the most frequent first words of lines and the most"
          + " frequent words in a text, in parallel over isolated interpreters that receive the"
          + " text as zero-copy views over a MemChannel, read it as StrViews, and report into"
          + " main's statistics through proxies; then counts it again copying each chunk into a"
          + " byte[] for plain threads, and compares.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the counts agree and nothing leaked",
      "1:the counts differ, a share leaked, or a worker failed",
      "2:bad options, or the input file cannot be read or is not valid in its encoding"
    })
public final class Demo implements Callable<Integer> {
  /** The largest --chunk-size: a chunk must fit a byte[] in the copying run, lines and all. */
  private static final long MAX_CHUNK_SIZE = 1L << 30;

  @Spec private CommandSpec spec;

  /** A demo with default options; picocli sets the options from the command line. */
  public Demo() {}

  @Option(
      names = {"-i", "--input"},
      paramLabel = "FILE",
      description = "Text file to analyse, mapped read-only. Default: generated web-server log"
          + " lines (see --size).")
  private Path input;

  @Option(
      names = "--encoding",
      paramLabel = "NAME",
      converter = EncodingOption.class,
      defaultValue = "utf-8",
      description = "Encoding of the --input file: utf-8 (a file that is not valid UTF-8 is"
          + " refused) or latin-1 (any bytes). Default: ${DEFAULT-VALUE}.")
  private Encoding encoding;

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
      description = "How many of the most frequent first words, and of the most frequent words,"
          + " to list. Default: ${DEFAULT-VALUE}.")
  private int top;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Rounds of each way of counting, alternating; the fastest of each is"
          + " reported. Default: ${DEFAULT-VALUE}.")
  private int rounds;

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
      return unreadable(err, e);
    }
    try (corpus) {
      MemorySegment text = corpus.text();
      List<Chunker.Chunk> chunks = Chunker.split(text, chunkSize);
      try {
        corpus.checkEncoding(chunks, encoding);
      } catch (CorpusException e) {
        return unreadable(err, e);
      }
      Comparison.Outcome outcome;
      long work = 2L * rounds * text.byteSize();
      try (ProgressBar bar = ProgressBar.start(err, "counting", work, showProgress)) {
        outcome = Comparison.run(text, chunks, workers, encoding, rounds, bar);
      }
      Report.print(out, corpus, chunks.size(), chunkSize, outcome, top);
      return verdict(out, err, outcome);
    }
  }

  private int unreadable(PrintWriter err, CorpusException e) {
    err.println(spec.name() + ": " + e.getMessage());
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  private void validate() {
    if (workers < 1) {
      throw usage("--workers must be at least 1, was " + workers);
    }
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
      throw usage("--chunk-size must be between 1 byte and 1G (the copying run copies each"
          + " chunk into a byte[]), was " + chunkSize);
    }
    if (rounds < 1) {
      throw usage("--rounds must be at least 1, was " + rounds);
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

  private static int verdict(PrintWriter out, PrintWriter err, Comparison.Outcome outcome) {
    if (outcome.problems().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "%n  check: counts identical in every round, both ways, word by word; liveShares() == 0 in"
              + " main and"
              + " in all %d worker interpreters, which are closed%n",
          outcome.zeroCopy().workers().size());
      out.flush();
      return CommandLine.ExitCode.OK;
    }
    for (String problem : outcome.problems()) {
      err.println("error: " + problem);
    }
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }
}
