package org.crossinterp.examples.authors;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.crossinterp.memchannel.BufferExporter;

/**
 * A worked example for type authors: a fixed-size byte ring (a log tail, say) that other
 * interpreters read in place. It exports its whole memory; the ring's write position travels
 * beside it (here: readers get the bytes, the owner keeps the position).
 *
 * <p>What makes it a good exporter (and what {@code BufferExporterVerification} checks): the
 * memory is in a shared arena, so other threads may read it; it counts its exports and frees the
 * memory only once the last one is released, however early {@link #close()} is called; it never
 * moves or resizes its memory, so views stay valid; and it hands its memory out only through
 * {@link #acquireExport()}.
 *
 * <p>Owner-thread writes ({@link #append}) are synchronised with the bookkeeping; readers see
 * them as writes to shared memory (ordered by the channel send that follows them).
 */
public final class RingBuffer implements BufferExporter, AutoCloseable {
  private final Arena arena = Arena.ofShared();
  private final MemorySegment memory;
  private long written;
  private int exports;
  private boolean closed;
  private boolean freed;

  private RingBuffer(long capacity) {
    this.memory = arena.allocate(capacity);
  }

  /**
   * A ring of {@code capacity} bytes.
   *
   * @param capacity the size; positive
   * @return the ring, empty (all zero)
   */
  public static RingBuffer allocate(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    return new RingBuffer(capacity);
  }

  /**
   * Appends bytes, overwriting the oldest once full.
   *
   * @param bytes what to append
   * @throws IllegalStateException once closed
   */
  public synchronized void append(byte[] bytes) {
    checkOpen();
    long size = memory.byteSize();
    for (byte b : bytes) {
      memory.set(ValueLayout.JAVA_BYTE, written % size, b);
      written++;
    }
  }

  /**
   * Overwrites one byte in place (readers holding views see it: there is no copy).
   *
   * @param index the byte, from 0 to capacity - 1
   * @param value the new value
   * @throws IllegalStateException once closed
   */
  public synchronized void set(long index, byte value) {
    checkOpen();
    memory.set(ValueLayout.JAVA_BYTE, index, value);
  }

  /**
   * How many bytes were appended in all (the write position is {@code written() % capacity}).
   *
   * @return the count
   */
  public synchronized long written() {
    return written;
  }

  /**
   * The live exports.
   *
   * @return the count
   */
  public synchronized int exports() {
    return exports;
  }

  @Override
  public synchronized MemorySegment acquireExport() {
    checkOpen();
    exports++;
    return memory;
  }

  @Override
  public synchronized void releaseExport(MemorySegment exported) {
    if (exports == 0) {
      throw new IllegalStateException("releaseExport without acquireExport");
    }
    exports--;
    freeIfDone();
  }

  /** Frees the memory now, or when the last export is released. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    freeIfDone();
  }

  private void freeIfDone() {
    if (closed && exports == 0 && !freed) {
      freed = true;
      arena.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this RingBuffer is closed; allocate a new one");
    }
  }
}
