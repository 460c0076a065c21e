package org.crossinterp.conformance.selftest;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.conformance.BufferExporterVerification;
import org.crossinterp.memchannel.BufferExporter;

/**
 * Deliberately broken exporters and their verifications (fixtures: run by {@link
 * BrokenImplementationsTest} through the JUnit testkit, never by surefire directly).
 */
final class BrokenExporters {
  private BrokenExporters() {}

  static final int SIZE = 64;

  static void fill(MemorySegment s) {
    for (int i = 0; i < s.byteSize(); i++) {
      s.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
    }
  }

  /** Assumes one export at a time: the first release frees the memory of every live export. */
  static final class FreesOnFirstRelease implements BufferExporter, AutoCloseable {
    private Arena arena;
    private MemorySegment segment;

    FreesOnFirstRelease() {
      allocate();
    }

    private void allocate() {
      arena = Arena.ofShared();
      segment = arena.allocate(SIZE);
      fill(segment);
    }

    @Override
    public synchronized MemorySegment acquireExport() {
      if (arena == null) {
        allocate();
      }
      return segment;
    }

    @Override
    public synchronized void releaseExport(MemorySegment exported) {
      if (arena != null) { // BUG: other exports of the same memory may still be live
        arena.close();
        arena = null;
      }
    }

    synchronized boolean write(long offset, byte value) {
      segment.set(ValueLayout.JAVA_BYTE, offset, value);
      return true;
    }

    @Override
    public synchronized void close() {
      if (arena != null) {
        arena.close();
        arena = null;
      }
    }
  }

  /** Hands out memory of a confined arena, which only its owner thread may read. */
  static final class ConfinedArena implements BufferExporter, AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment segment = arena.allocate(SIZE);

    ConfinedArena() {
      fill(segment);
    }

    @Override
    public MemorySegment acquireExport() {
      return segment; // BUG: confined to the creating thread
    }

    @Override
    public void releaseExport(MemorySegment exported) {}

    @Override
    public void close() {
      arena.close();
    }
  }

  /** Copies its bytes into fresh memory on every acquire: not zero-copy. */
  static final class CopiesOnAcquire implements BufferExporter {
    private final MemorySegment own = MemorySegment.ofArray(new byte[SIZE]);

    CopiesOnAcquire() {
      fill(own);
    }

    @Override
    public MemorySegment acquireExport() {
      return Arena.ofAuto().allocate(SIZE).copyFrom(own); // BUG: a copy
    }

    @Override
    public void releaseExport(MemorySegment exported) {}

    boolean write(long offset, byte value) {
      own.set(ValueLayout.JAVA_BYTE, offset, value);
      return true;
    }
  }

  /** Fails rule 2.2 only. */
  static class FreesOnFirstReleaseFixture extends BufferExporterVerification<FreesOnFirstRelease> {
    @Override
    protected FreesOnFirstRelease createExporter() {
      return new FreesOnFirstRelease();
    }

    @Override
    protected boolean write(FreesOnFirstRelease exporter, long offset, byte value) {
      return exporter.write(offset, value);
    }
  }

  /** Fails rule 2.1; the other rules cannot be checked and are aborted. */
  static class ConfinedArenaFixture extends BufferExporterVerification<ConfinedArena> {
    @Override
    protected ConfinedArena createExporter() {
      return new ConfinedArena();
    }
  }

  /** Fails rule 2.9 only. */
  static class CopiesOnAcquireFixture extends BufferExporterVerification<CopiesOnAcquire> {
    @Override
    protected CopiesOnAcquire createExporter() {
      return new CopiesOnAcquire();
    }

    @Override
    protected boolean write(CopiesOnAcquire exporter, long offset, byte value) {
      return exporter.write(offset, value);
    }
  }

  /** Without write() the copy goes unnoticed: 2.9 is aborted as optional, nothing fails. */
  static class CopiesOnAcquireWithoutWriteFixture
      extends BufferExporterVerification<CopiesOnAcquire> {
    @Override
    protected CopiesOnAcquire createExporter() {
      return new CopiesOnAcquire();
    }
  }
}
