package org.crossinterp.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit is tested against deliberately broken implementations: each must fail exactly the rule
 * it breaks (other rules pass, or are aborted when they cannot be checked because of it), and
 * the faithful ones pass. The fixtures run through the JUnit testkit, so this test sees which
 * test methods failed and why.
 */
class BrokenImplementationsTest {

  /** What happened to each test method of one fixture class. */
  private record Outcome(
      Map<String, Throwable> failed, Map<String, Throwable> aborted, Set<String> succeeded) {

    int total() {
      return failed.size() + aborted.size() + succeeded.size();
    }

    /** Every failure and abort, for assertion messages. */
    String report() {
      StringBuilder b = new StringBuilder();
      failed.forEach((k, v) -> b.append("\n  FAILED ").append(k).append(": ").append(chain(v)));
      aborted.forEach((k, v) -> b.append("\n  ABORTED ").append(k).append(": ").append(chain(v)));
      return b.toString();
    }
  }

  private static Outcome run(Class<?> fixture) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    assertEquals(0, results.containerEvents().failed().count(),
        fixture.getSimpleName() + " could not run: " + results.containerEvents().failed().list());
    return new Outcome(
        byMethod(results.testEvents().failed().stream()),
        byMethod(results.testEvents().aborted().stream()),
        results.testEvents().succeeded().stream()
            .map(BrokenImplementationsTest::method)
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static Map<String, Throwable> byMethod(Stream<Event> events) {
    Map<String, Throwable> m = new TreeMap<>();
    events.forEach(e -> m.put(method(e),
        e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null)));
    return m;
  }

  private static String method(Event e) {
    return ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName();
  }

  /** The messages of a throwable, its causes and its suppressed exceptions. */
  private static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" | ");
      for (Throwable s : c.getSuppressed()) {
        b.append("suppressed ").append(chain(s));
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return b.toString();
  }

  private static void assertOutcome(
      Class<?> fixture, int tests, Map<String, String> failures, Map<String, String> aborts) {
    Outcome o = run(fixture);
    String report = fixture.getSimpleName() + ":" + o.report();
    assertEquals(tests, o.total(), "tests run; " + report);
    assertEquals(failures.keySet(), o.failed().keySet(), "failed rules; " + report);
    assertEquals(aborts.keySet(), o.aborted().keySet(), "aborted rules; " + report);
    failures.forEach((method, text) -> assertTrue(chain(o.failed().get(method)).contains(text),
        method + " failed for another reason than \"" + text + "\"; " + report));
    aborts.forEach((method, text) -> assertTrue(chain(o.aborted().get(method)).contains(text),
        method + " was aborted for another reason than \"" + text + "\"; " + report));
  }

  private static Map<String, String> each(Set<String> methods, String text) {
    Map<String, String> m = new TreeMap<>();
    methods.forEach(k -> m.put(k, text));
    return m;
  }

  // ------------------------------------------------------------------------------ exporters

  private static final String R2_1 = "required_rule2_1_acquireReturnsLiveMemoryReadableByOtherThreads";
  private static final String R2_2 = "required_rule2_2_eachSendAcquiresOnceAndReleasesOnce";
  private static final String R2_9 = "optional_rule2_9_writesAfterSendAreVisible";
  private static final Set<String> EXPORTER_RULES_BUT_2_1 = Set.of(
      R2_2,
      "required_rule2_3_releaseRunsInOrigin",
      "required_rule2_4_noReleaseBeforeTheLastShare",
      "required_rule2_5_exactlyOnceUnderConcurrentReleases",
      "required_rule2_6_viewShowsTheExportersBytes",
      "required_rule2_7_readableAfterOriginClosed",
      "required_rule2_8_exportableAgainAfterRelease",
      R2_9);

  @Test
  void exporterThatFreesOnTheFirstReleaseFailsRule2_2() {
    assertOutcome(BrokenExporters.FreesOnFirstReleaseFixture.class, 9,
        Map.of(R2_2, "rule 2.2: releasing one export invalidated another"), Map.of());
  }

  @Test
  void exporterOfConfinedMemoryFailsRule2_1AndTheRestCannotBeChecked() {
    assertOutcome(BrokenExporters.ConfinedArenaFixture.class, 9,
        Map.of(R2_1, "rule 2.1: MemChannel refused the memory"),
        each(EXPORTER_RULES_BUT_2_1, "rule 2.1 fails"));
  }

  @Test
  void exporterThatCopiesFailsRule2_9() {
    assertOutcome(BrokenExporters.CopiesOnAcquireFixture.class, 9,
        Map.of(R2_9, "rule 2.9: a write after the send is not visible"), Map.of());
  }

  @Test
  void withoutWriteRule2_9IsAbortedWithTheReason() {
    assertOutcome(BrokenExporters.CopiesOnAcquireWithoutWriteFixture.class, 9,
        Map.of(), Map.of(R2_9, "optional rule skipped: override write("));
  }

  // -------------------------------------------------------------------------------- sharers

  private static final String R5_3 = "required_rule5_3_roundTripGivesAnEqualValue";
  private static final String R5_4 = "required_rule5_4_sharedDataIsImmutable";
  private static final String R5_5 = "optional_rule5_5_noAliasingOfMutableState";
  private static final String R5_6 = "required_rule5_6_receivedValuesOutliveTheSender";

  @Test
  void sharerReturningTheMutableObjectFailsRules5_4And5_5() {
    assertOutcome(BrokenSharers.MutableAsDataFixture.class, 6,
        Map.of(
            R5_4, "rule 5.4: share() returned a " + Inventory.class.getName(),
            R5_5, "rule 5.5: the receiver got the sender's own object"),
        each(Set.of(
            "required_rule5_1_shareRunsInTheSender",
            "required_rule5_2_unshareRunsInTheReceiver",
            R5_3,
            R5_6), "rule 5.4 fails"));
  }

  @Test
  void sharerWhoseUnshareDiffersFailsRule5_3() {
    assertOutcome(BrokenSharers.DifferentValueFixture.class, 6,
        Map.of(R5_3, "rule 5.3: the received value differs"),
        Map.of(R5_5, "rule 5.3 fails", R5_6, "rule 5.3 fails"));
  }

  // ------------------------------------------------------------------------------- proxies

  @Test
  void objectRunningCallsOnItsOwnThreadFailsRule5_11() {
    assertOutcome(BrokenProxyables.OwnExecutorFixture.class, 8,
        Map.of("required_rule5_11_callsRunInTheOwnerOnTheCallingThread",
            "rule 5.11: the object started threads of its own"),
        Map.of());
  }

  @Test
  void exerciseMissingAMethodFailsRule5_10() {
    assertOutcome(BrokenProxyables.IncompleteExerciseFixture.class, 8,
        Map.of("required_rule5_10_everyMethodReachesTheObject",
            "rule 5.10: these methods never reached the object: [withdraw(int,)]"),
        Map.of());
  }

  @Test
  void callThatThrowsNotThrowingFailsRule5_16() {
    assertOutcome(BrokenProxyables.CallThatDoesNotThrowFixture.class, 8,
        Map.of("optional_rule5_16_exceptionsKeepTheirType",
            "rule 5.16: callThatThrows did not throw when called on the object itself"),
        Map.of());
  }

  // ------------------------------------------------------------------------------ channels

  private static final String R2_20 = "required_rule2_20_itemsArriveInOrder";
  private static final String R2_29 = "required_rule2_29_everyItemIsDeliveredExactlyOnce";
  /** The rules that receive items with recv (the others use closeNow or receive nothing). */
  private static final Set<String> RECEIVING = Set.of(
      R2_20,
      "required_rule2_21_nullIsRefusedAndChangesNothing",
      "required_rule2_23_fullChannelRefusesAndTheSenderKeepsTheItem",
      "required_rule2_24_rendezvousSendReturnsOnceReceived",
      "required_rule2_26_closeSendDeliversWhatWasSentThenCloses",
      "required_rule2_27_closeWithItemsThrowsAndChangesNothing",
      R2_29,
      "required_rule2_30_waitingReleasesTheInterpreter",
      "optional_rule2_31_unboundItemsFollowThePolicy");

  @Test
  void faithfulWrapperPassesTheChannelKit() {
    assertOutcome(BrokenChannels.FaithfulFixture.class, 12, Map.of(), Map.of());
  }

  @Test
  void channelThatLosesItemsFailsRules2_20And2_29() {
    assertOutcome(BrokenChannels.LosesItemsFixture.class, 12,
        Map.of(R2_20, "rule 2.20", R2_29, "rule 2.29: 100 item(s) lost"), Map.of());
  }

  @Test
  void channelThatLeaksASharePerItemFailsTheLeakCheck() {
    assertOutcome(BrokenChannels.LeaksSharesFixture.class, 12,
        each(RECEIVING, "leak check: "), Map.of());
  }

  @Test
  void channelThatReleasesViewsBeforeReturningThemFailsEveryRuleThatReads() {
    assertOutcome(BrokenChannels.ReleasesBeforeReturnFixture.class, 12,
        each(RECEIVING, "was released and may not be used any more"), Map.of());
  }
}
