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
    assertTrue(r.out().contains("top words (of "), r.out());
    // the generated log's most frequent word: "-" for user and ident, and most referrers
    assertTrue(r.out().matches("(?s).*top words \\(of [\\d,]+ distinct\\)\\s+count\\s+share\\s+"
        + "1\\. -\\s.*"), r.out());
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
    // the top words: ties in byte order ("/api" < "201" < "POST" < "created")
    String words = out.substring(out.indexOf("top words"));
    assertTrue(words.startsWith("top words (of 10 distinct)"), words);
    String[] expectedOrder = {"/api", "201", "POST", "created", "/index.html", "200", "GET"};
    int at = 0;
    for (int i = 0; i < expectedOrder.length; i++) {
      long count = expected.wordCounts().count(expectedOrder[i]);
      String row = String.format("%2d. %s", i + 1, expectedOrder[i]);
      int found = words.indexOf(row, at);
      assertTrue(found >= 0, "row '" + row + "' in order: " + words);
      assertTrue(words.substring(found).matches("(?s)" + java.util.regex.Pattern.quote(row)
          + "\\s+" + String.format("%,d", count) + "\\s.*"), words);
      at = found;
    }
    assertTrue(out.contains("counts identical in every round, both ways, word by word"), out);
  }

  @Test
  @Timeout(
      value = 60,
      unit = TimeUnit.SECONDS,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fileThatIsNotUtf8IsAOneLineErrorWithExitCode2UnlessReadAsLatin1() throws IOException {
    byte[] bytes = "caf\u00e9 ok\nna\u00efve line\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("latin1.txt"), bytes);
    Run r = run("--input", file.toString(), "--chunk-size", "4", "-q");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.errLines().size(), "one line, no stack trace: " + r.err());
    String line = r.errLines().getFirst();
    assertTrue(line.contains(file.toString()), line);
    assertTrue(line.contains("not valid UTF-8"), line);
    assertTrue(line.contains("byte 0xe9 at offset 3"), "names the first bad byte: " + line);
    assertTrue(line.contains("--encoding latin-1"), "names the fix: " + line);
    assertEquals("", r.out(), "nothing counted");

    Run latin1 = run("--input", file.toString(), "--encoding", "latin-1", "--chunk-size", "4",
        "-q");
    assertEquals(0, latin1.exitCode(), latin1.out() + latin1.err());
    assertTrue(latin1.out().matches("(?s).*1\\. caf\u00e9\\s+1\\s.*"), latin1.out());
    assertTrue(latin1.out().contains("na\u00efve"), latin1.out());
    assertTrue(latin1.out().contains("counts identical in every round"), latin1.out());
  }

  @Test
  void unknownEncodingsAreUsageErrors() {
    for (String name : new String[] {"utf-16le", "ebcdic"}) {
      Run r = run("--encoding", name, "--size", "1K");
      assertEquals(2, r.exitCode(), name);
      assertTrue(r.err().contains("'" + name + "' is not an encoding the demo reads; give utf-8"
          + " or latin-1"), r.err());
    }
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
