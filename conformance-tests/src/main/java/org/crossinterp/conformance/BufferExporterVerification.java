package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crossinterp.Interpreter;
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
 * @param <E> the exporter type
 */
public abstract class BufferExporterVerification<E extends BufferExporter> extends VerificationSupport
    implements BufferExporterRules {

  /** Creates the verification. */
  protected BufferExporterVerification() {}

  /**
   * A new exporter with some non-empty contents. Called inside the interpreter that will send
   * it (its owner).
   *
   * @return the exporter
   */
  protected abstract E createExporter();

  /**
   * Disposes of an exporter after a test, in its owner. The default closes it if it is {@link
   * AutoCloseable}.
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
   * Writes one byte through the owner's own access, for the optional zero-copy rule. The
   * default returns false: the rule is skipped.
   *
   * @param exporter the exporter
   * @param offset where
   * @param value what
   * @return true if written
   */
  protected boolean write(E exporter, long offset, byte value) {
    return false;
  }

  private record Sent<E>(E exporter, RecordingExporter recorder) {}

  private Sent<E> sendFrom(Interpreter owner, MemChannel channel, int times) {
    return in(
        owner,
        () -> {
          E e = createExporter();
          RecordingExporter r = new RecordingExporter(e);
          for (int i = 0; i < times; i++) {
            channel.send(r);
          }
          return new Sent<>(e, r);
        });
  }

  private void disposeIn(Interpreter owner, E exporter) {
    in(
        owner,
        () -> {
          dispose(exporter);
          return null;
        });
  }

  @Override
  @Test
  public void required_rule2_1_acquireReturnsLiveMemoryReadableByOtherThreads() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    MemorySegment exported = sent.recorder().acquires().get(0).segment();
    assertTrue(exported.scope().isAlive(), "rule 2.1: acquireExport returned dead memory");
    try (CrossInterpreterView v = ch.recv()) {
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        Future<byte[]> read = other.submit(v::toByteArray);
        assertEquals(v.byteSize(), read.get().length, "rule 2.1: another thread could not read");
      } finally {
        other.shutdownNow();
      }
    }
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_2_eachSendAcquiresOnceAndReleasesOnce() throws Exception {
    Interpreter owner = newInterpreter("owner");
    Interpreter reader = newInterpreter("reader");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 3);
    assertEquals(3, sent.recorder().acquires().size(), "rule 2.2: one acquire per send");
    in(
        reader,
        () -> {
          CrossInterpreterView first = ch.recv();
          CrossInterpreterView second = ch.recv();
          CrossInterpreterView third = ch.recv();
          first.release();
          // the other exports are still live: their memory must still be readable
          assertEquals(second.byteSize(), second.toByteArray().length,
              "rule 2.2: releasing one export invalidated another");
          second.release();
          assertEquals(third.byteSize(), third.toByteArray().length,
              "rule 2.2: releasing one export invalidated another");
          third.release();
          return null;
        });
    awaitShares(owner, 0);
    List<RecordingExporter.Call> releases = sent.recorder().releases();
    assertEquals(3, releases.size(), "rule 2.2: one release per acquire");
    for (RecordingExporter.Call r : releases) {
      assertTrue(
          sent.recorder().acquires().stream()
              .anyMatch(a -> RecordingExporter.sameMemory(a.segment(), r.segment())),
          "rule 2.2: releaseExport received memory no acquire returned");
    }
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
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_4_noReleaseBeforeTheLastShare() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    CrossInterpreterView v = ch.recv();
    CrossInterpreterView shared = v.share();
    CrossInterpreterView slice = v.slice(0, Math.min(1, v.byteSize()));
    v.release();
    shared.release();
    assertEquals(0, sent.recorder().releases().size(), "rule 2.4: released before the last share");
    assertEquals(slice.byteSize(), slice.toByteArray().length, "rule 2.4: the slice is unreadable");
    slice.release();
    awaitShares(owner, 0);
    assertEquals(1, sent.recorder().releases().size(), "rule 2.4: not released after the last share");
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_5_exactlyOnceUnderConcurrentReleases() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    CrossInterpreterView v = ch.recv();
    List<CrossInterpreterView> shares = new ArrayList<>();
    shares.add(v);
    for (int i = 0; i < 31; i++) {
      shares.add(v.share());
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
    assertEquals(1, sent.recorder().releases().size(), "rule 2.5: not exactly one release");
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_6_viewShowsTheExportersBytes() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    byte[] expected =
        in(owner, () -> sent.recorder().acquires().get(0).segment().toArray(ValueLayout.JAVA_BYTE));
    try (CrossInterpreterView v = ch.recv()) {
      assertTrue(
          RecordingExporter.sameMemory(v.segment(), sent.recorder().acquires().get(0).segment()),
          "rule 2.6: the view is not over the exported memory");
      assertArrayEquals(expected, v.toByteArray(), "rule 2.6: the view shows other bytes");
    }
    awaitShares(owner, 0);
    disposeIn(owner, sent.exporter());
  }

  @Override
  @Test
  public void required_rule2_7_readableAfterOriginClosed() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    byte[] expected =
        in(owner, () -> sent.recorder().acquires().get(0).segment().toArray(ValueLayout.JAVA_BYTE));
    CrossInterpreterView v = ch.recv();
    owner.close();
    assertArrayEquals(expected, v.toByteArray(), "rule 2.7: unreadable after the owner closed");
    v.release();
    awaitShares(owner, 0);
    assertEquals(1, sent.recorder().releases().size(), "rule 2.7: not released after close");
    if (sent.exporter() instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  @Test
  public void required_rule2_8_exportableAgainAfterRelease() throws Exception {
    Interpreter owner = newInterpreter("owner");
    MemChannel ch = MemChannel.create();
    Sent<E> sent = sendFrom(owner, ch, 1);
    ch.recv().release();
    awaitShares(owner, 0);
    in(owner, () -> {
      ch.send(sent.recorder());
      return null;
    });
    try (CrossInterpreterView v = ch.recv()) {
      assertEquals(v.byteSize(), v.toByteArray().length);
    }
    awaitShares(owner, 0);
    assertEquals(2, sent.recorder().acquires().size());
    assertEquals(2, sent.recorder().releases().size(), "rule 2.8: second export not released");
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
      assertEquals(after, v.segment().get(ValueLayout.JAVA_BYTE, 0),
          "rule 2.9: a write after the send is not visible: the export is a copy");
    } finally {
      awaitShares(owner, 0);
      disposeIn(owner, sent.exporter());
    }
  }
}
