package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.recvUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.crossinterp.Interpreter;
import org.crossinterp.LeakDetector;
import org.crossinterp.LeakDetector.Kind;
import org.crossinterp.LeakDetector.LeakReport;
import org.crossinterp.LeakDetector.Level;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proxies dropped without {@link Proxies#release}: the garbage collector releases them (the
 * origin's {@code liveShares()} returns to 0), and the leak detector counts and reports them as
 * it does a dropped view: kind, origin, where the proxy was made (at PARANOID, and sampled at
 * SIMPLE) and, at PARANOID only, the sites of its last calls. Proxies a call made for its
 * arguments and results are left to the collector without a report. Every test ends with the
 * leak check of {@link ObjTestSupport}.
 */
class ProxyLeakTest extends ObjTestSupport {
  private Level saved;
  private final List<LeakReport> reports = new CopyOnWriteArrayList<>();
  private LeakDetector.Registration registration;

  @BeforeEach
  void listen() {
    saved = LeakDetector.level();
    registration = LeakDetector.addListener(reports::add);
  }

  @AfterEach
  void restore() {
    registration.close();
    LeakDetector.setLevel(saved);
  }

  private List<LeakReport> reportsFrom(Interpreter origin) {
    return reports.stream().filter(r -> r.origin() == origin).toList();
  }

  /** Sends a new box from {@code from}, which keeps no reference to it. */
  private static void sendBox(Interpreter from, ObjChannel ch) {
    from.run(() -> ShareablesTest.sendUnchecked(ch, new BoxImpl("in " + from.name())));
  }

  /** Receives the box in {@code in}, calls it twice and drops it, in a frame that ends here. */
  private static void receiveCallAndDrop(Interpreter in, ObjChannel ch) {
    in.run(
        () -> {
          Box p = recvUnchecked(ch, Box.class);
          p.set("first call");
          p.get();
        });
  }

  private void awaitReportFrom(Interpreter origin) {
    awaitGc(() -> reportsFrom(origin).size() == 1, () -> "no report: " + reports);
  }

  @Test
  void aDroppedProxyIsReleasedCountedAndReported() {
    Interpreter a = interp("proxy-owner");
    Interpreter b = interp("proxy-holder");
    ObjChannel ch = ObjChannel.create();
    sendBox(a, ch);
    long before = LeakDetector.leakCount(Kind.PROXY);
    receiveCallAndDrop(b, ch);
    assertEquals(1, a.liveShares(), "the dropped proxy still pins the box until collected");
    awaitGc(() -> a.liveShares() == 0, () -> "the collector never released the proxy");
    awaitReportFrom(a);
    LeakReport r = reportsFrom(a).get(0);
    assertEquals(Kind.PROXY, r.kind());
    assertEquals(a, r.origin());
    assertTrue(r.resource().contains(BoxImpl.class.getName()), r.resource());
    assertTrue(r.resource().contains("proxy-holder"), "names the holder: " + r.resource());
    assertTrue(r.message().contains("LEAK"), r.message());
    assertTrue(r.message().contains("proxy-owner"), "names the origin: " + r.message());
    assertTrue(r.message().contains("Proxies.release(proxy)"), "names the fix: " + r.message());
    if (r.creationSite() == null) { // one share in 128 records its site at SIMPLE
      assertTrue(r.message().contains("-Dcrossinterp.leakDetection=PARANOID"), r.message());
    }
    assertTrue(LeakDetector.leakCount(Kind.PROXY) >= before + 1, "not counted as a proxy");
  }

  @Test
  void paranoidNamesWhereTheProxyWasReceivedAndItsLastCalls() {
    LeakDetector.setLevel(Level.PARANOID);
    Interpreter a = interp("paranoid-owner");
    Interpreter b = interp("paranoid-holder");
    ObjChannel ch = ObjChannel.create();
    sendBox(a, ch);
    receiveCallAndDrop(b, ch);
    awaitReportFrom(a);
    LeakReport r = reportsFrom(a).get(0);
    assertEquals(Kind.PROXY, r.kind());
    assertNotNull(r.creationSite(), "PARANOID records every creation site");
    assertTrue(
        Arrays.stream(r.creationSite())
            .anyMatch(f -> f.getMethodName().contains("receiveCallAndDrop")),
        Arrays.toString(r.creationSite()));
    String m = r.message();
    assertTrue(m.contains("created at"), m);
    int get = m.indexOf("Touched (Box.get())");
    int set = m.indexOf("Touched (Box.set(Object))");
    int received = m.indexOf("Touched (received from a channel)");
    assertTrue(get >= 0 && set > get && received > set, "the last calls, newest first: " + m);
    assertTrue(m.substring(get).contains("receiveCallAndDrop"), "call sites name the caller: " + m);
    awaitGc(() -> a.liveShares() == 0, () -> "the collector never released the proxy");
  }

  @Test
  void simpleRecordsNoCallSites() {
    LeakDetector.setLevel(Level.SIMPLE);
    Interpreter a = interp("simple-owner");
    Interpreter b = interp("simple-holder");
    ObjChannel ch = ObjChannel.create();
    sendBox(a, ch);
    receiveCallAndDrop(b, ch);
    awaitReportFrom(a);
    String m = reportsFrom(a).get(0).message();
    assertFalse(m.contains("Touched"), "no stack is taken per call at SIMPLE: " + m);
    assertTrue(m.contains("-Dcrossinterp.leakDetection=PARANOID"), "names the flag: " + m);
  }

  /**
   * In {@code b}, gets the box's content (a list: the result arrives as a proxy the call made)
   * and stores a builder in the box (the argument arrives in the owner as a proxy the call
   * made); drops the result, releases the box.
   */
  private static void useCallMadeProxies(Interpreter b, ObjChannel ch) {
    b.run(
        () -> {
          Box p = recvUnchecked(ch, Box.class);
          Object list = p.get();
          assertTrue(Proxies.isProxy(list), "the result arrives as a proxy");
          assertEquals("proxy of call-holder", p.describe(new StringBuilder("argument")));
          p.set(new StringBuilder("from b"));
          Proxies.release(p);
        });
  }

  @Test
  void proxiesACallMadeAreReleasedByTheCollectorWithoutAReport() {
    Interpreter a = interp("call-owner");
    Interpreter b = interp("call-holder");
    ObjChannel ch = ObjChannel.create();
    a.run(() -> ShareablesTest.sendUnchecked(ch, new BoxImpl(new ArrayList<String>())));
    useCallMadeProxies(b, ch);
    // a report comes before the share is uncounted: once both are 0, none is on its way
    awaitGc(
        () -> a.liveShares() == 0 && b.liveShares() == 0,
        () -> "call-made proxies were never released: " + shares(List.of(a, b)));
    assertEquals(List.of(), reportsFrom(a), "a dropped call result is no leak");
    assertEquals(List.of(), reportsFrom(b), "a dropped call argument is no leak");
  }

  /** Shares a builder of {@code owner}, uses the proxy and drops it, in a frame that ends here. */
  private static void shareAndDrop(Interpreter owner) throws Exception {
    CharSequence p =
        owner.call(() -> Proxies.share(new StringBuilder("shared"), CharSequence.class));
    assertEquals(6, p.length());
  }

  @Test
  void aProxyMadeByShareIsTrackedToo() throws Exception {
    Interpreter a = interp("sharer");
    shareAndDrop(a);
    awaitReportFrom(a);
    assertEquals(Kind.PROXY, reportsFrom(a).get(0).kind());
    assertTrue(
        reportsFrom(a).get(0).resource().contains(StringBuilder.class.getName()),
        reportsFrom(a).get(0).resource());
    awaitGc(() -> a.liveShares() == 0, () -> "the collector never released the proxy");
  }

  @Test
  void releasedProxiesAreNeverReported() {
    Interpreter clean = interp("clean-owner");
    Interpreter sentinel = interp("sentinel-owner");
    Interpreter b = interp("releasing-holder");
    ObjChannel ch = ObjChannel.create();
    for (int i = 0; i < 20; i++) {
      sendBox(clean, ch);
      b.run(() -> Proxies.release(recvUnchecked(ch, Box.class)));
    }
    sendBox(sentinel, ch);
    receiveCallAndDrop(b, ch);
    awaitReportFrom(sentinel);
    assertEquals(List.of(), reportsFrom(clean));
  }

  @Test
  void aDroppedProxyIsRecordedAsLeakDetected() throws Exception {
    Interpreter a = interp("jfr-owner");
    Interpreter b = interp("jfr-holder");
    ObjChannel ch = ObjChannel.create();
    Path file = Files.createTempFile("crossinterp", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("org.crossinterp.LeakDetected");
      recording.start();
      sendBox(a, ch);
      receiveCallAndDrop(b, ch);
      awaitReportFrom(a);
      recording.stop();
      recording.dump(file);
      List<RecordedEvent> events =
          RecordingFile.readAllEvents(file).stream()
              .filter(e -> e.getEventType().getName().equals("org.crossinterp.LeakDetected"))
              .filter(e -> e.getLong("originId") == a.id())
              .toList();
      assertEquals(1, events.size(), "one leak recorded");
      assertEquals("PROXY", events.get(0).getString("kind"));
      assertTrue(events.get(0).getString("resource").contains(BoxImpl.class.getName()));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
