package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path dir;

  /** The outcome of one in-process run of the command. */
  record Run(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Demo.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @AfterEach
  void nothingLeftOpenOrShared() {
    assertEquals(List.of(Interpreter.main()), Interpreter.listAll(),
        "the demo must close every interpreter it creates");
    assertEquals(0, Interpreter.main().liveShares(), "every view must be released");
  }

  @Test
  void missingFileIsAOneLineErrorWithExitCode2() {
    Path missing = dir.resolve("no-such-file.txt");
    Run r = run("--input", missing.toString(), "--quiet");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), "one line, no stack trace: " + r.err());
    String line = r.errLines().getFirst();
    assertTrue(line.contains(missing.toString()), line);
    assertTrue(line.contains("no such file"), line);
    assertTrue(line.contains("--input"), "the message says what to do instead: " + line);
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void directoryIsAOneLineErrorWithExitCode2() {
    Run r = run("--input", dir.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("is a directory"), r.err());
  }

  @Test
  void zeroWorkersIsAUsageError() {
    Run r = run("--workers", "0", "--size", "1K");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--workers must be at least 1, was 0"), r.err());
    assertTrue(r.err().contains("Usage:"), "picocli prints the usage: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void badSizesAndUnknownOptionsAreUsageErrors() {
    Run banana = run("--chunk-size", "banana");
    assertEquals(2, banana.exitCode());
    assertTrue(banana.err().contains("'banana' is not a size"), banana.err());
    assertEquals(2, run("--chunk-size", "0").exitCode());
    assertEquals(2, run("--chunk-size", "2G").exitCode());
    assertEquals(2, run("--top", "-1").exitCode());
    assertEquals(2, run("--rounds", "0").exitCode());
    assertEquals(2, run("--frobnicate").exitCode());
  }

  @Test
  void sizeWithInputIsAUsageError() throws IOException {
    Path file = Files.writeString(dir.resolve("t.txt"), "a\n");
    Run r = run("--input", file.toString(), "--size", "1M");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("leave it out when giving --input"), r.err());
  }

  @Test
  void helpExitsZero() {
    Run r = run("--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("--workers"), r.out());
    assertTrue(r.out().contains("--quiet"), r.out());
  }

  @Test
  @Timeout(
      value = 120,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void generatedRunWithTwoWorkersAgreesAndLeaksNothing() {
    Run r = run("--size", "1M", "--workers", "2", "--chunk-size", "16K", "--quiet");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals("", r.err(), "--quiet: nothing on standard error");
    assertTrue(r.out().contains("counts identical in every round, both ways"), r.out());
    assertTrue(r.out().contains("2 worker interpreters"), r.out());
    assertTrue(r.out().contains("zero-copy / copying"), r.out());
    assertTrue(r.out().contains("top first words"), r.out());
    // nothingLeftOpenOrShared() checks the interpreters after the run
  }

  @Test
  @Timeout(
      value = 120,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fileRunPrintsTheCountsOfTheFile() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(i % 3 == 0 ? "GET /index.html 200\n" : "POST /api 201 created\n");
    }
    text.append("  tail-line without newline");
    Path file = dir.resolve("access.log");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Run r = run("--input", file.toString(), "--workers", "3", "--chunk-size", "1K", "--rounds",
        "1", "-q");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    Totals expected = NaiveCount.of(Files.readAllBytes(file));
    assertEquals(1001, expected.lines());
    String out = r.out();
    assertTrue(out.contains(String.format("%,15d %,15d %,15d", expected.lines(), expected.words(),
        expected.bytes())), out);
    assertTrue(out.matches("(?s).*1\\. POST\\s+666\\s.*"), out);
    assertTrue(out.matches("(?s).*2\\. GET\\s+334\\s.*"), out);
    assertTrue(out.matches("(?s).*3\\. tail-line\\s+1\\s.*"), out);
    assertTrue(out.contains("3 worker interpreters"), out);
  }

  @Test
  @Timeout(
      value = 60,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void emptyFileCountsNothing() throws IOException {
    Path file = Files.write(dir.resolve("empty.txt"), new byte[0]);
    Run r = run("--input", file.toString(), "-q");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains(String.format("%,15d %,15d %,15d", 0, 0, 0)), r.out());
  }
}
