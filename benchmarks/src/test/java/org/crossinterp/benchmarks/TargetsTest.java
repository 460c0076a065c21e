package org.crossinterp.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crossinterp.benchmarks.Verdict.Status;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static List<Verdict> evaluate(JmhJson json) {
    return Targets.evaluate(JmhResults.parse(json.toString()));
  }

  private static List<Status> statuses(List<Verdict> v) {
    return v.stream().map(Verdict::status).toList();
  }

  @Test
  void allTargetsMet() {
    List<Verdict> v = evaluate(JmhJson.full(100, 120, 200, 60_000, 90, 40, 200, 200.5));
    assertEquals(
        List.of("M1", "M2", "M3", "M4", "S1a", "S1b", "S1c", "S1d", "S1e", "S1f", "P1a", "P1b",
            "P2a", "P2b", "J1"),
        v.stream().map(Verdict::id).toList());
    assertEquals(List.of(Status.PASS, Status.PASS, Status.PASS, Status.PASS), statuses(v).subList(0, 4));
    assertTrue(v.get(0).measured().contains("ratio 1.20"), v.get(0).measured());
    assertTrue(v.get(1).measured().contains("300"), v.get(1).measured());
    assertTrue(v.get(2).measured().contains("ratio 2.25"), v.get(2).measured());
    assertTrue(v.get(3).measured().contains("difference 0.500"), v.get(3).measured());
  }

  @Test
  void blockingHandOffIsShownButDoesNotDecideM3() {
    JmhJson json =
        JmhJson.full(100, 100, 200, 60_000, 400, 40, 200, 200)
            .add("HandOffBenchmark.memChannelBlocking", null, 80, 2.0, 150.0);
    Verdict m3 = evaluate(json).get(2);
    assertEquals(Status.MISS, m3.status());
    assertTrue(m3.measured().contains("ratio 10.0"), m3.measured());
    assertTrue(m3.measured().contains("blocking send/recv: 80.0 ± 2.00 ns/op per item, ratio 2.00"),
        m3.measured());
  }

  @Test
  void everyTargetMissed() {
    List<Verdict> v = evaluate(JmhJson.full(100, 151, 200, 19_999, 121, 40, 300, 300));
    assertEquals(List.of(Status.MISS, Status.MISS, Status.MISS, Status.MISS), statuses(v).subList(0, 4));
  }

  @Test
  void allocationGrowingWithPayloadMissesM4EvenUnder256() {
    List<Verdict> v = evaluate(JmhJson.full(100, 100, 200, 60_000, 90, 40, 100, 200));
    assertEquals(Status.MISS, v.get(3).status());
  }

  @Test
  void aFewObjectsOfJitNoiseStillCountAsConstant() {
    assertEquals(
        Status.PASS, evaluate(JmhJson.full(100, 100, 200, 60_000, 90, 40, 200, 232)).get(3).status());
    assertEquals(
        Status.MISS, evaluate(JmhJson.full(100, 100, 200, 60_000, 90, 40, 150, 215)).get(3).status());
  }

  private static Verdict byId(List<Verdict> v, String id) {
    return v.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }

  private static Map<String, Status> byIds(List<Verdict> v) {
    Map<String, Status> m = new LinkedHashMap<>();
    v.forEach(x -> m.put(x.id(), x.status()));
    return m;
  }

  @Test
  void newTargetsAllMet() {
    List<Verdict> v =
        evaluate(new JmhJson().addNew(100, 300, 120, 100, 24, 20, 150, 100, 151, 4999, 199, 200));
    Map<String, Status> s = byIds(v);
    for (String id : List.of("S1a", "S1b", "S1c", "S1d", "S1e", "S1f", "P1a", "P1b", "P2a", "P2b")) {
      assertEquals(Status.PASS, s.get(id), id + ": " + byId(v, id).measured());
    }
    assertEquals(Status.NOT_RUN, s.get("M1"));
    assertTrue(byId(v, "S1a").measured().contains("**3.00 ± "), byId(v, "S1a").measured());
    assertTrue(byId(v, "S1c").measured().contains("ratio 1.20"), byId(v, "S1c").measured());
    assertTrue(byId(v, "P1a").measured().contains("ratio 1.50"), byId(v, "P1a").measured());
    assertTrue(byId(v, "P2a").measured().contains("4999 ± 100 us/op"), byId(v, "P2a").measured());
    assertTrue(byId(v, "P2a").measured().contains("fresh JVM: 150000"), byId(v, "P2a").measured());
    assertTrue(
        byId(v, "P2a").measured()
            .contains("median 4499 us/op, fastest 2500 us/op, 90th percentile 7499 us/op"),
        byId(v, "P2a").measured());
  }

  @Test
  void newTargetsAllMissed() {
    List<Verdict> v =
        evaluate(new JmhJson().addNew(101, 300, 121, 100, 25, 20, 151, 100, 150, 5001, 150, 201));
    Map<String, Status> s = byIds(v);
    for (String id : List.of("S1a", "S1b", "S1c", "S1d", "S1e", "S1f", "P1a", "P1b", "P2a", "P2b")) {
      assertEquals(Status.MISS, s.get(id), id + ": " + byId(v, id).measured());
    }
  }

  @Test
  void eachTextIsJudgedOnItsOwn() {
    JmhJson json = new JmhJson();
    Map<String, String> ascii = Map.of("text", "ascii");
    Map<String, String> mixed = Map.of("text", "mixed");
    json.add("StrViewBenchmark.firstUseStrView", ascii, "avgt", "us/op", 10, 1.0, null)
        .add("StrViewBenchmark.firstUseString", ascii, "avgt", "us/op", 100, 1.0, null)
        .add("StrViewBenchmark.firstUseStrView", mixed, "avgt", "us/op", 900, 1.0, null)
        .add("StrViewBenchmark.firstUseString", mixed, "avgt", "us/op", 1000, 1.0, null);
    Map<String, Status> s = byIds(evaluate(json));
    assertEquals(Status.PASS, s.get("S1a"));
    assertEquals(Status.MISS, s.get("S1b"));
    assertEquals(Status.NOT_RUN, s.get("S1c"));
  }

  @Test
  void proxyCreationNeedsBothWaysUnderTheBar() {
    Map<String, Status> s =
        byIds(evaluate(new JmhJson().addNew(1, 3, 1, 1, 1, 1, 1, 1, 2, 1, 50, 250)));
    assertEquals(Status.MISS, s.get("P2b"));
  }

  @Test
  void ratiosOfTimesInDifferentUnitsAreConverted() {
    Metric r = new Metric(2, 0.2, "us/op").over(new Metric(500, 50, "ns/op"));
    assertEquals(4.0, r.score(), 1e-12);
    assertEquals(4.0 * Math.hypot(0.1, 0.1), r.error(), 1e-12);
    assertEquals(3e6, new Metric(3, 0, "ms/op").nanos(), 1e-6);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new Metric(3, 0, "ops/s").nanos());
    assertTrue(e.getMessage().contains("ops/s") && e.getMessage().contains("avgt"), e.getMessage());
  }

  @Test
  void otherComparisonsPairEachFigureWithItsBaseline() {
    List<Comparisons.Comparison> c =
        Comparisons.of(JmhResults.parse(
            new JmhJson().addNew(100, 300, 120, 100, 24, 20, 150, 100, 151, 4999, 199, 200).toString()));
    Comparisons.Comparison scan =
        c.stream().filter(x -> x.what().startsWith("`charAt`") && x.what().contains("ASCII"))
            .findFirst().orElseThrow();
    assertEquals(2.0, scan.ratio().orElseThrow().score(), 1e-12);
    Comparisons.Comparison contentEquals =
        c.stream().filter(x -> x.what().contains("contentEquals")).findFirst().orElseThrow();
    assertEquals(3.0, contentEquals.ratio().orElseThrow().score(), 1e-12);
    Comparisons.Comparison dispatch =
        c.stream().filter(x -> x.baselineLabel() != null && x.baselineLabel().equals("direct call"))
            .findFirst().orElseThrow();
    assertEquals(8.0, dispatch.ratio().orElseThrow().score(), 1e-12);
    Comparisons.Comparison retain =
        c.stream().filter(x -> x.what().contains("retain")).findFirst().orElseThrow();
    assertTrue(retain.ratio().isEmpty());
    // a benchmark that did not run gets no row: indexOf is not in this run
    assertTrue(c.stream().noneMatch(x -> x.what().contains("indexOf")), c.toString());
  }

  @Test
  void ratioErrorCombinesRelativeErrors() {
    Metric r = new Metric(200, 30, "ns/op").over(new Metric(100, 40, "ns/op"));
    assertEquals(2.0, r.score(), 1e-12);
    assertEquals(2.0 * Math.hypot(0.15, 0.4), r.error(), 1e-12);
  }

  @Test
  void missingBenchmarksAreNotRun() {
    JmhJson onlySmall = new JmhJson().add(Targets.ROUND_TRIP, "64", 100, "NaN", null);
    List<Verdict> v = evaluate(onlySmall);
    assertTrue(statuses(v).stream().allMatch(s -> s == Status.NOT_RUN), statuses(v).toString());
    assertTrue(v.get(3).measured().contains("-prof gc"), v.get(3).measured());
  }

  @Test
  void nanErrorsAreShownAsUnknown() {
    JmhResults r =
        JmhResults.parse(new JmhJson().add(Targets.ROUND_TRIP, "64", 100, "NaN", null).toString());
    assertEquals("100 ± n/a ns/op", Fmt.metric(r.figures().getFirst().primary()));
  }

  @Test
  void notAJmhResultIsRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("{\"a\": 1}"));
    assertTrue(e.getMessage().contains("-rf json"), e.getMessage());
  }

  private static JmhJson jfr(double callOff, double callDisabled, double tripOff, double tripDisabled) {
    String b = "JfrOverheadBenchmark.";
    return new JmhJson()
        .add(b + "call", Map.of("jfr", "off"), "avgt", "ns/op", callOff, 1.0, null)
        .add(b + "call", Map.of("jfr", "disabled"), "avgt", "ns/op", callDisabled, 1.0, null)
        .add(b + "roundTrip", Map.of("jfr", "off"), "avgt", "ns/op", tripOff, 1.0, null)
        .add(b + "roundTrip", Map.of("jfr", "disabled"), "avgt", "ns/op", tripDisabled, 1.0, null);
  }

  @Test
  void disabledEventsWithinTenPercentPass() {
    Verdict j1 = byId(evaluate(jfr(100, 110, 200, 205)), "J1");
    assertEquals(Status.PASS, j1.status(), j1.measured());
    assertTrue(j1.measured().contains("ratio 1.10"), j1.measured());
  }

  @Test
  void disabledEventsCostingMoreMiss() {
    assertEquals(Status.MISS, byId(evaluate(jfr(100, 100, 200, 230)), "J1").status());
    assertEquals(Status.MISS, byId(evaluate(jfr(100, 120, 200, 200)), "J1").status());
  }
}
