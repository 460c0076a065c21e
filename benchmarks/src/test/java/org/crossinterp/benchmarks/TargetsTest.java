package org.crossinterp.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    assertEquals(List.of("M1", "M2", "M3", "M4"), v.stream().map(Verdict::id).toList());
    assertEquals(List.of(Status.PASS, Status.PASS, Status.PASS, Status.PASS), statuses(v));
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
    assertEquals(List.of(Status.MISS, Status.MISS, Status.MISS, Status.MISS), statuses(v));
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
    assertEquals(
        List.of(Status.NOT_RUN, Status.NOT_RUN, Status.NOT_RUN, Status.NOT_RUN), statuses(v));
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
}
