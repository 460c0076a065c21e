package org.crossinterp.memchannel;

import java.lang.foreign.MemorySegment;

/**
 * The buffer protocol (PEP 3118's {@code Py_buffer}, Nick Coghlan's MemChannel proposal): a
 * type whose memory other interpreters may read in place.
 *
 * <p>For each send, {@link MemChannel} calls {@link #acquireExport()} once, on the sending
 * thread, inside the sending interpreter. The receiver gets a read-only {@link
 * CrossInterpreterView} over the returned memory, and may {@link CrossInterpreterView#share()
 * share} or {@link CrossInterpreterView#slice slice} it. When the last view of that send is
 * released (explicitly, or by the garbage collector), {@link #releaseExport} is called exactly
 * once with the same segment, inside the sending interpreter again (a pending call: possibly on
 * another thread, but never concurrently with other code in that interpreter).
 *
 * <p>While an export is live the exporter must keep the memory valid and must not change its
 * size or location (it may change its contents: writes stay visible through the views). The
 * returned segment must be accessible from other threads: a global, automatic, shared-arena or
 * heap segment, never one of a confined arena.
 *
 * <p>The {@code conformance-tests} kit checks an implementation against these rules.
 */
public interface BufferExporter {
  /**
   * Exports the memory for one send. Called in the sending interpreter.
   *
   * @return the memory to share; it stays valid until the matching {@link #releaseExport}
   */
  MemorySegment acquireExport();

  /**
   * Ends one export. Called exactly once per {@link #acquireExport()}, in the sending
   * interpreter, after every view of that send was released.
   *
   * @param exported the segment {@link #acquireExport()} returned
   */
  void releaseExport(MemorySegment exported);

  /**
   * What the bytes mean, as PEP 3118's {@code format} field: it travels with every export and
   * the receiver reads it from {@link CrossInterpreterView#format()}, so that it cannot
   * misread the bytes (a text exporter says {@code "utf-8"}, {@code "latin-1"} or {@code
   * "utf-16le"}). Called in the sending interpreter, once per send, after {@link
   * #acquireExport()}.
   *
   * @return the format; {@code "B"} (unsigned bytes) by default
   */
  default String format() {
    return CrossInterpreterView.BYTES;
  }
}
