package org.crossinterp.conformance;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.BufferExporter;

/**
 * Wraps an author's exporter and records every acquire and release: where it ran, on which
 * thread, and which memory it concerned. The kit sends the wrapper, so MemChannel calls the
 * author's code through it.
 */
final class RecordingExporter implements BufferExporter {
  /**
   * One call.
   *
   * @param interpreter where it ran
   * @param thread the thread it ran on
   * @param segment the memory it concerned
   */
  record Call(Interpreter interpreter, Thread thread, MemorySegment segment) {}

  private final BufferExporter delegate;
  private final List<Call> acquires = new ArrayList<>();
  private final List<Call> releases = new ArrayList<>();

  RecordingExporter(BufferExporter delegate) {
    this.delegate = delegate;
  }

  @Override
  public MemorySegment acquireExport() {
    MemorySegment s = delegate.acquireExport();
    synchronized (this) {
      acquires.add(new Call(Interpreter.current(), Thread.currentThread(), s));
    }
    return s;
  }

  @Override
  public void releaseExport(MemorySegment exported) {
    synchronized (this) {
      releases.add(new Call(Interpreter.current(), Thread.currentThread(), exported));
    }
    delegate.releaseExport(exported);
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

  /** Whether two segments are the same memory (same base object or address, same size). */
  static boolean sameMemory(MemorySegment a, MemorySegment b) {
    return a.byteSize() == b.byteSize()
        && a.address() == b.address()
        && a.heapBase().orElse(null) == b.heapBase().orElse(null);
  }
}
