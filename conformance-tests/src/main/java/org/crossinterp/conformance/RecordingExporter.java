package org.crossinterp.conformance;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.BufferExporter;

/**
 * Wraps an author's exporter and records every acquire and release: where it ran, on which
 * thread, which memory it concerned, and what the author's code threw. The kit sends the
 * wrapper, so MemChannel calls the author's code through it. Releases are pending calls whose
 * exceptions MemChannel only logs, so the recording is the only way a test sees them.
 */
final class RecordingExporter implements BufferExporter {
  /**
   * One call.
   *
   * @param interpreter where it ran
   * @param thread the thread it ran on
   * @param segment the memory it concerned (null if an acquire threw)
   * @param failure what the author's code threw, or null
   */
  record Call(Interpreter interpreter, Thread thread, MemorySegment segment, Throwable failure) {}

  private final BufferExporter delegate;
  private final List<Call> acquires = new ArrayList<>();
  private final List<Call> releases = new ArrayList<>();

  RecordingExporter(BufferExporter delegate) {
    this.delegate = delegate;
  }

  @Override
  public MemorySegment acquireExport() {
    MemorySegment s = null;
    Throwable failure = null;
    try {
      s = delegate.acquireExport();
      return s;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      synchronized (this) {
        acquires.add(new Call(Interpreter.current(), Thread.currentThread(), s, failure));
      }
    }
  }

  @Override
  public void releaseExport(MemorySegment exported) {
    Throwable failure = null;
    try {
      delegate.releaseExport(exported);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      synchronized (this) {
        releases.add(new Call(Interpreter.current(), Thread.currentThread(), exported, failure));
      }
    }
  }

  @Override
  public String format() {
    return delegate.format();
  }

  synchronized List<Call> acquires() {
    return List.copyOf(acquires);
  }

  synchronized List<Call> releases() {
    return List.copyOf(releases);
  }

  /** The first exception the author's acquire or release threw, or null. */
  synchronized Throwable firstFailure() {
    for (Call c : acquires) {
      if (c.failure() != null) {
        return c.failure();
      }
    }
    for (Call c : releases) {
      if (c.failure() != null) {
        return c.failure();
      }
    }
    return null;
  }

  /** Whether two segments are the same memory (same base object or address, same size). */
  static boolean sameMemory(MemorySegment a, MemorySegment b) {
    return a.byteSize() == b.byteSize()
        && a.address() == b.address()
        && a.heapBase().orElse(null) == b.heapBase().orElse(null);
  }
}
