package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.Test;

/**
 * The conformance verification of a {@link BufferExporter}: extend it in your test sources and
 * implement {@link #createExporter()}; JUnit runs every rule of {@link BufferExporterRules}
 * against your type, through a real {@link MemChannel} between real interpreters, and ends each
 * test with a leak check.
 *
 * <pre>{@code
 * class RingBufferVerificationTest extends BufferExporterVerification<RingBuffer> {
 *   protected RingBuffer createExporter() { return RingBuffer.allocate(4096); }
 * }
 * }</pre>
 *
 * <p>When MemChannel refuses the memory your exporter returns (rule 2.1 fails), the other rules
 * cannot be checked and are reported as aborted, so that the failure points at rule 2.1.
 *
 * @param <E> the exporter type
 */
public abstract class BufferExporterVerification<E extends BufferExporter>
    extends VerificationSupport implements BufferExporterRules {

  /** Creates the verification. */
  protected BufferExporterVerification() {}

  /**
   * A new exporter with some non-empty contents. Called inside the interpreter that will send
   * it (its owner), on the test's thread.
   *
   * @return the exporter
   */
  protected abstract E createExporter();

  /**
   * Disposes of an exporter after a test, in its owner (in rule 2.7, whose owner is closed by
   * then, outside any interpreter). The default closes it if it is {@link AutoCloseable}.
   *
   * @param exporter the exporter
   * @throws Exception if closing fails
   */
  protected void dispose(E exporter) throws Exception {
    if (exporter instanceof AutoCloseable c) {
      c.close();
    }
  }

  /**
   * Writes one byte through the owner's own access, for the optional zero-copy rule 2.9. Called
   * in the owner. The default returns false: the rule is skipped.
   *
   * @param exporter the exporter
   * @param offset where
   * @param value what
   * @return true if written
   */
  protected boolean write(E exporter, long offset, byte value) {
    return false;
  }

  /** One exporter sent {@code times} times, with what each send exported. */
  private record Sent<E>(E exporter, RecordingExporter recorder) {
    byte[] bytesOfSend(int i) {
      return recorder.acquires().get(i).segment().toArray(ValueLayout.JAVA_BYTE);
    }
  }

  /**
   * Creates an exporter in {@code owner} and sends it {@code times} times. If MemChannel refuses
   * the memory, the test is aborted: rule 2.1 reports that failure.
   */
  private Sent<E> sendFrom(Interpreter owner, MemChannel channel, int times) {
    E e = in(owner, this::createExporter);
    RecordingExporter r = new RecordingExporter(e);
    try {
      in(owner, () -> {
        for (int i = 0; i < times; i++) {
          channel.send(r);
        }
        return null;
      });
    } catch (NotShareableException | IllegalStateException refused) {
      channel.closeNow().forEach(CrossInterpreterView::release);
      awaitShares(owner, 0);
      disposeIn(owner, e);
      cannotCheck("MemChannel refused the memory acquireExport() returned, so rule 2.1 fails: "
          + refused.getMessage());
    }
    return new Sent<>(e, r);
  }

  private void disposeIn(Interpreter owner, E exporter) {
    in(owner, () -> {
      dispose(exporter);
      return null;
    });
  }

  /** Ends a test: nothing the author's code threw may go unnoticed (releases only log). */
  private static void noFailures(String rule, RecordingExporter r) {
    Throwable t = r.firstFailure();
    if (t != null) {
      fail(rule + ": the exporter threw " + t, t);
    }
  }

  @Override
  @Test
  public void required_rule2_1_acquireReturnsLiveMemoryReadableByOtherThreads() throws Exception {
    Interpreter owner = newInterpreter("owner");
    Interpreter reader = newInterpreter("reader");
    MemChannel ch = MemChannel.create();
    E e = in(owner, this::createExporter);
    RecordingExporter r = new RecordingExporter(e);
    try {
      in(owner, () -> {
        ch.send(r);
        return null;
      });
    } catch (NotShareableException | IllegalStateException refused) {
      awaitShares(owner, 0);
      disposeIn(owner, e);
      fail("rule 2.1: MemChannel refused the memory acquireExport() returned (it must be"
          + " global, automatic, shared-arena or heap memory, alive): " + refused.getMessage(),
          refused);
    }
    byte[] expected = in(owner, () -> r.acquires().get(0).segment().toArray(ValueLayout.JAVA_BYTE));
    try (CrossInterpreterView v = in(reader, ch::recv)) {
      CompletableFuture<byte[]> elsewhere = new CompletableFuture<>();
      Thread t = Thread.ofPlatform().start(() -> {
        try {
          elsewhere.complete(v.toByteArray());
        } catch (Throwable x) {
          elsewhere.completeExceptionally(x);
        }
      });
      t.join();
      assertArrayEquals(expected, elsewhere.get(10, TimeUnit.SECONDS),
          "rule 2.1: another thread read other bytes");
      assertArrayEquals(expected, in(reader, v::toByteArray),
          "rule 2.1: another interpreter read other bytes");
    }
    awaitShares(owner, 0);
    noFailures("rule 2.1", r);
    disposeIn(owner, e);
  }

  @Override
  @Test
  public void required_rule2_2_eachSendAcquiresOnceAndReleasesOnce() throws Exception {
    Interpreter owner = newInterpreter("owner");
    Interpreter reader = newInterpreter("reader");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 3);
    assertEquals(3, sent.recorder().acquires().size(), "rule 2.2: one acquire per send");
    byte[][] expected = in(owner, () -> new byte[][] {
      sent.bytesOfSend(0), sent.bytesOfSend(1), sent.bytesOfSend(2)});
    String invalidated = in(reader, () -> {
      CrossInterpreterView[] views = {ch.recv(), ch.recv(), ch.recv()};
      try {
        for (int i = 0; i < 3; i++) {
          views[i].release();
          // the later exports are still live: their memory must still hold their bytes
          for (int k = i + 1; k < 3; k++) {
            try {
              if (!java.util.Arrays.equals(expected[k], views[k].toByteArray())) {
                return "send " + k + " shows other bytes after send " + i + " was released";
              }
            } catch (IllegalStateException gone) {
              return "send " + k + " became unreadable after send " + i + " was released ("
                  + gone.getMessage() + ")";
            }
          }
        }
        return null;
      } finally {
        for (CrossInterpreterView v : views) {
          v.release();
        }
      }
    });
    awaitShares(owner, 0);
    if (invalidated != null) {
      disposeIn(owner, sent.exporter());
      fail("rule 2.2: releasing one export invalidated another: " + invalidated
          + "; the exporter must free its memory only when no export is live any more");
    }
    List<RecordingExporter.Call> releases = sent.recorder().releases();
    assertEquals(3, releases.size(), "rule 2.2: one release per acquire");
    for (RecordingExporter.Call rel : releases) {
      assertTrue(
          sent.recorder().acquires().stream()
              .anyMatch(a -> RecordingExporter.sameMemory(a.segment(), rel.segment())),
          "rule 2.2: releaseExport received memory no acquire returned");
    }
    noFailures("rule 2.2", sent.recorder());
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_3_releaseRunsInOrigin() throws Exception {
    Interpreter owner = newInterpreter("owner");
    Interpreter reader = newInterpreter("reader");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 2);
    in(reader, () -> {
      ch.recv().release();
      return null;
    });
    CrossInterpreterView second = ch.recv();
    Thread t = Thread.ofPlatform().start(second::release);
    t.join();
    awaitShares(owner, 0);
    for (RecordingExporter.Call c : sent.recorder().acquires()) {
      assertSame(owner, c.interpreter(), "rule 2.3: acquireExport ran outside the sender");
    }
    assertEquals(2, sent.recorder().releases().size(), "rule 2.3: a release is missing");
    for (RecordingExporter.Call c : sent.recorder().releases()) {
      assertSame(owner, c.interpreter(), "rule 2.3: releaseExport ran outside the sender");
    }
    noFailures("rule 2.3 (releases came from another interpreter and another thread)",
        sent.recorder());
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_4_noReleaseBeforeTheLastShare() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    byte[] expected = in(owner, () -> sent.bytesOfSend(0));
    CrossInterpreterView v = ch.recv();
    CrossInterpreterView shared = v.share();
    CrossInterpreterView slice = v.slice(0, Math.min(1, v.byteSize()));
    v.release();
    shared.release();
    try {
      assertEquals(0, sent.recorder().releases().size(),
          "rule 2.4: released before the last share");
      byte[] part;
      try {
        part = slice.toByteArray();
      } catch (IllegalStateException gone) {
        throw new AssertionError("rule 2.4: the slice is unreadable while it is live", gone);
      }
      assertArrayEquals(java.util.Arrays.copyOf(expected, part.length), part,
          "rule 2.4: the slice shows other bytes while it is live");
    } finally {
      slice.release();
    }
    awaitShares(owner, 0);
    assertEquals(1, sent.recorder().releases().size(),
        "rule 2.4: not released after the last share");
    noFailures("rule 2.4", sent.recorder());
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_5_exactlyOnceUnderConcurrentReleases() throws Exception {
    int sends = 4;
    int sharesPerSend = 8;
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, sends);
    List<CrossInterpreterView> shares = new ArrayList<>();
    for (int s = 0; s < sends; s++) {
      CrossInterpreterView v = ch.recv();
      shares.add(v);
      for (int i = 1; i < sharesPerSend; i++) {
        shares.add(v.share());
      }
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (CrossInterpreterView s : shares) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    s.release();
                    s.release();
                  }));
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    awaitShares(owner, 0);
    assertEquals(sends, sent.recorder().releases().size(),
        "rule 2.5: not exactly one release per send");
    noFailures("rule 2.5", sent.recorder());
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_6_viewShowsTheExportersBytes() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    byte[] expected = in(owner, () -> sent.bytesOfSend(0));
    try (CrossInterpreterView v = ch.recv()) {
      assertTrue(
          RecordingExporter.sameMemory(v.segment(), sent.recorder().acquires().get(0).segment()),
          "rule 2.6: the view is not over the exported memory");
      assertArrayEquals(expected, v.toByteArray(), "rule 2.6: the view shows other bytes");
    }
    awaitShares(owner, 0);
    noFailures("rule 2.6", sent.recorder());
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_7_readableAfterOriginClosed() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    byte[] expected = in(owner, () -> sent.bytesOfSend(0));
    CrossInterpreterView v = ch.recv();
    owner.close();
    try {
      assertArrayEquals(expected, v.toByteArray(), "rule 2.7: unreadable after the owner closed");
    } catch (IllegalStateException gone) {
      throw new AssertionError("rule 2.7: unreadable after the owner closed", gone);
    } finally {
      v.release();
    }
    awaitShares(owner, 0);
    assertEquals(1, sent.recorder().releases().size(), "rule 2.7: not released after close");
    noFailures("rule 2.7", sent.recorder());
    dispose(sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_8_exportableAgainAfterRelease() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    byte[] expected = in(owner, () -> sent.bytesOfSend(0));
    ch.recv().release();
    awaitShares(owner, 0);
    try {
      in(owner, () -> {
        ch.send(sent.recorder());
        return null;
      });
    } catch (RuntimeException refused) {
      disposeIn(owner, sent.exporter());
      throw new AssertionError("rule 2.8: the exporter could not be sent again", refused);
    }
    try (CrossInterpreterView v = ch.recv()) {
      assertArrayEquals(expected, v.toByteArray(), "rule 2.8: the second export shows other bytes");
    }
    awaitShares(owner, 0);
    assertEquals(2, sent.recorder().acquires().size(), "rule 2.8: one acquire per send");
    assertEquals(2, sent.recorder().releases().size(), "rule 2.8: second export not released");
    noFailures("rule 2.8", sent.recorder());
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void optional_rule2_9_writesAfterSendAreVisible() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    try (CrossInterpreterView v = ch.recv()) {
      if (v.byteSize() == 0) {
        optional("the exporter exported no bytes");
      }
      byte before = v.segment().get(ValueLayout.JAVA_BYTE, 0);
      byte after = (byte) (before + 1);
      boolean written = in(owner, () -> write(sent.exporter(), 0, after));
      if (!written) {
        optional("override write(exporter, offset, value) to check that writes after the send"
            + " are visible through the view (zero-copy)");
      }
      // the channel's happens-before covers the send only; the call into the owner and back
      // orders the write before this read
      assertEquals(after, v.segment().get(ValueLayout.JAVA_BYTE, 0),
          "rule 2.9: a write after the send is not visible: the export is a copy");
    } finally {
      awaitShares(owner, 0);
      noFailures("rule 2.9", sent.recorder());
      disposeIn(owner, sent.exporter());
    }
  }
}
