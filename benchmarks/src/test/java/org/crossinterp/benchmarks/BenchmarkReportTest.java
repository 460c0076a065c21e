package org.crossinterp.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {
  private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
  private static final RunInfo RUN =
      new RunInfo(START, START.plusSeconds(150), "0.10 0.20 0.30", "1.00 0.50 0.40", false);

  @Test
  void reportHasMachineFiguresAndVerdicts(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("result.json");
    Files.writeString(json, JmhJson.full(100, 120, 200, 60_000, 90, 40, 200, 200).toString());
    Path md = dir.resolve("BENCHMARKS.md");

    BenchmarkReport.write(JmhResults.read(json), RUN, md);

    String text = Files.readString(md);
    assertTrue(text.contains("| Date | 2026-01-02 03:06:35 UTC |"), text);
    assertTrue(text.contains("| CPU | " + Machine.cpuModel() + ", " + Machine.cores()), text);
    assertTrue(text.contains("25.0.3 (OpenJDK 64-Bit Server VM 25.0.3+9-LTS)"), text);
    assertTrue(text.contains("warmup 5 x 1 s, measurement 10 x 1 s"), text);
    assertTrue(text.contains("before: 0.10 0.20 0.30; after: 1.00 0.50 0.40"), text);
    assertTrue(text.contains("| Wall time | 150 s |"), text);
    assertTrue(text.contains(BenchmarkReport.COMMAND), text);
    for (String id : new String[] {"M1", "M2", "M3", "M4"}) {
      assertTrue(text.contains("| " + id + " | "), id);
    }
    assertEquals(4, text.split("\\*\\*PASS\\*\\*", -1).length - 1, text);
    assertTrue(
        text.contains("| RoundTripBenchmark.sendRecvRelease | payloadBytes=16777216 | 1 |"
            + " 120 ± 10.0 ns/op | 200 ± 0.500 B/op |"),
        text);
    assertTrue(text.contains("| HandOffBenchmark.jctools | — | 1 | 40.0 ± 1.00 ns/op |"), text);
    assertTrue(!text.contains("Quick smoke run"), text);
    assertTrue(!text.contains("Busy machine"), text);
  }

  @Test
  void reportListsEachSettingsGroupAndTheComparisonsWithoutTarget() {
    JmhJson json =
        JmhJson.full(100, 120, 200, 60_000, 90, 40, 200, 200)
            .addNew(100, 300, 120, 100, 24, 20, 150, 100, 151, 4999, 199, 200);
    String text = BenchmarkReport.render(JmhResults.parse(json.toString()), RUN);
    assertTrue(
        text.contains("| RoundTripBenchmark, CopyVsZeroCopyBenchmark, HandOffBenchmark | 1 fork(s),"
            + " warmup 5 x 1 s, measurement 10 x 1 s, mode avgt | `-Xms1g -Xmx1g` |"),
        text);
    assertTrue(
        text.contains("| ProxyClassBenchmark | 2 fork(s), warmup 40, measurement 150 single shots"
            + " | `-Xms256m -Xmx256m` |"),
        text);
    assertTrue(text.contains("## Other comparisons (no target)"), text);
    assertTrue(
        text.contains("| `charAt` of every char in order, 1 MiB ASCII text | 800 ± 1.00 us/op |"
            + " String: 400 ± 1.00 us/op | 2.00 ± "),
        text);
    assertTrue(text.contains("| `Proxies.retain` + `Proxies.release` on a live proxy | 30.0 ± 1.00"
        + " ns/op | — | — |"), text);
    assertEquals(14, text.split("\\*\\*PASS\\*\\*", -1).length - 1, text);
    for (String id : new String[] {"S1a", "S1f", "P1a", "P1b", "P2a", "P2b"}) {
      assertTrue(text.contains("| " + id + " | "), id);
    }
  }

  @Test
  void busyDuringTheRunIsFlaggedToo() {
    String during = "0.50 " + (Machine.cores() + 2) + ".00 1.00";
    String text =
        BenchmarkReport.render(
            JmhResults.parse(JmhJson.full(1, 1, 1, 1, 1, 1, 1, 1).toString()),
            new RunInfo(START, START, "0.10 0.10 0.10", during, false));
    assertTrue(text.contains("Busy machine"), text);
  }

  @Test
  void busyMachineIsFlagged() {
    String load = (Machine.cores() + 1) + ".00 1.00 1.00";
    String text =
        BenchmarkReport.render(
            JmhResults.parse(JmhJson.full(1, 1, 1, 1, 1, 1, 1, 1).toString()),
            new RunInfo(START, START, load, "?", false));
    assertTrue(text.contains("Busy machine"), text);
  }

  @Test
  void mainRegeneratesWithTheSavedRunInformation(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("result.json");
    Files.writeString(json, JmhJson.full(100, 120, 200, 60_000, 90, 40, 200, 200).toString());
    RUN.save(RunInfo.beside(json));
    Path md = dir.resolve("out.md");

    BenchmarkReport.main(new String[] {json.toString(), md.toString()});

    String text = Files.readString(md);
    assertTrue(text.contains("before: 0.10 0.20 0.30; after: 1.00 0.50 0.40"), text);
    assertEquals(RUN, RunInfo.load(RunInfo.beside(json)));
  }

  @Test
  void quickRunsAreFlagged() {
    String text =
        BenchmarkReport.render(
            JmhResults.parse(JmhJson.full(1, 1, 1, 1, 1, 1, 1, 1).toString()),
            new RunInfo(START, START, "?", "?", true));
    assertTrue(text.contains("Quick smoke run"), text);
    assertTrue(!text.contains("Wall time"), text);
  }

  @Test
  void summaryHasOneLinePerTarget() {
    var lines =
        BenchmarkReport.summary(
            JmhResults.parse(JmhJson.full(100, 200, 200, 60_000, 90, 40, 200, 200).toString()));
    assertEquals(Targets.evaluate(JmhResults.parse("[]")).size(), lines.size());
    assertEquals(15, lines.size());
    assertTrue(lines.get(0).startsWith("M1 MISS: "), lines.get(0));
    assertTrue(!lines.get(0).contains("<br>"), lines.get(0));
  }
}
