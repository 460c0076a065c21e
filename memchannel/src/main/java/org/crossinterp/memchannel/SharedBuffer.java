package org.crossinterp.memchannel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crossinterp.BufferExportedException;
import org.crossinterp.Interpreter;
import org.crossinterp.internal.interp.Domain;

/**
 * A resizable native buffer that the interpreter that allocated it writes and other
 * interpreters read through views: the JVM's {@code bytearray}.
 *
 * <p>The memory lives in its own shared {@link Arena}. Each send over a {@link MemChannel} is
 * one export ({@link #exports()}); while any export is live the buffer keeps its size and
 * address ({@link #resize} throws {@link BufferExportedException}), and {@link #close()} is
 * deferred until the last one is released, so a reader never sees freed memory.
 *
 * <p><b>Threads.</b> Every method may be called from any thread; they are synchronised on the
 * buffer. Writes through {@link #segment()} are visible to readers as writes to any shared
 * memory are: order them with the channel send (which gives a happens-before edge) or your own
 * synchronisation.
 */
public final class SharedBuffer implements BufferExporter, AutoCloseable {
  private final Domain owner;
  private Arena arena;
  private MemorySegment segment;
  /** What sends export: made once per size, so that a send costs no segment allocation. */
  private MemorySegment readOnly;
  private int exports;
  private boolean closeRequested;
  private boolean freed;
  /** Hooks waiting for exports() to reach 0; null when none (no garbage per release). */
  private List<Runnable> onReleased;

  private SharedBuffer(Domain owner, long bytes) {
    this.owner = owner;
    this.arena = Arena.ofShared();
    this.segment = arena.allocate(bytes, 8);
    this.readOnly = segment.asReadOnly();
  }

  /**
   * Allocates a zero-filled buffer owned by the calling thread's interpreter.
   *
   * @param bytes the size; not negative
   * @return the buffer
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public static SharedBuffer allocate(long bytes) {
    checkSize(bytes);
    return new SharedBuffer(Domain.current(), bytes);
  }

  private static void checkSize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException(
          "buffer size must not be negative, was " + bytes + "; pass a size of 0 or more bytes");
    }
  }

  /**
   * The owner's writable access to the memory.
   *
   * @return the segment; replaced by {@link #resize}
   * @throws IllegalStateException once closed
   */
  public synchronized MemorySegment segment() {
    checkOpen();
    return segment;
  }

  /**
   * The interpreter that allocated the buffer, where {@link #onAllSharesReleased} hooks run.
   *
   * @return the owner
   */
  public Interpreter owner() {
    return owner.interpreter();
  }

  /**
   * The size in bytes.
   *
   * @return the size
   */
  public synchronized long byteSize() {
    return segment.byteSize();
  }

  /**
   * The live exports: sends whose views are not all released yet.
   *
   * @return the count
   */
  public synchronized int exports() {
    return exports;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed (the memory may still live until the last export is released)
   */
  public synchronized boolean isClosed() {
    return closeRequested;
  }

  /**
   * Changes the size, keeping the first {@code min(old, new)} bytes; the new tail is zero.
   *
   * @param bytes the new size; not negative
   * @throws BufferExportedException while {@link #exports()} is above 0; nothing changed
   * @throws IllegalStateException once closed
   */
  public synchronized void resize(long bytes) {
    checkSize(bytes);
    checkOpen();
    if (exports > 0) {
      throw new BufferExportedException(
          "cannot resize a SharedBuffer while "
              + exports
              + " export(s) are live (other interpreters hold views of it); release every"
              + " view first (onAllSharesReleased tells when), or allocate a new buffer");
    }
    Arena next = Arena.ofShared();
    MemorySegment grown = next.allocate(bytes, 8);
    grown.copyFrom(segment.asSlice(0, Math.min(bytes, segment.byteSize())));
    arena.close();
    arena = next;
    segment = grown;
    readOnly = grown.asReadOnly();
  }

  /**
   * Runs {@code hook} once, in the owner interpreter, the next time {@link #exports()} is 0: at
   * once if it is 0 now. The hook runs as a pending call of the owner: on the calling thread if
   * the owner's lock is free (or the caller is inside the owner), otherwise by the thread inside
   * the owner before it leaves. One-shot: register again to be told again.
   *
   * @param hook not null
   */
  public void onAllSharesReleased(Runnable hook) {
    Objects.requireNonNull(hook, "hook");
    synchronized (this) {
      if (exports > 0) {
        if (onReleased == null) {
          onReleased = new ArrayList<>();
        }
        onReleased.add(hook);
        return;
      }
    }
    owner.runPending(hook);
  }

  /**
   * Frees the memory once {@link #exports()} is 0: now, or when the last export is released.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    closeRequested = true;
    if (exports == 0) {
      free();
    }
  }

  /**
   * Exports the memory for one send. Called by {@link MemChannel} in the sending interpreter.
   *
   * @return a read-only segment over the memory
   * @throws IllegalStateException once closed
   */
  @Override
  public synchronized MemorySegment acquireExport() {
    checkOpen();
    exports++;
    return readOnly;
  }

  /**
   * Ends one export: called once per {@link #acquireExport()}, when the last view of that send
   * is released. Any thread (it is synchronised; {@link MemChannel} calls it on the releasing
   * thread). When {@link #exports()} reaches 0 it frees a closed buffer and sends the {@link
   * #onAllSharesReleased} hooks to the owner.
   *
   * @param exported the segment {@link #acquireExport()} returned
   * @throws IllegalStateException without a matching acquire
   */
  @Override
  public void releaseExport(MemorySegment exported) {
    List<Runnable> hooks;
    synchronized (this) {
      if (exports == 0) {
        throw new IllegalStateException("releaseExport without a matching acquireExport");
      }
      if (--exports > 0) {
        return;
      }
      if (closeRequested) {
        free();
      }
      hooks = onReleased;
      onReleased = null;
    }
    if (hooks == null) {
      return;
    }
    for (Runnable h : hooks) {
      owner.runPending(h);
    }
  }

  private void free() {
    if (!freed) {
      freed = true;
      arena.close();
    }
  }

  private void checkOpen() {
    if (closeRequested) {
      throw new IllegalStateException("this SharedBuffer is closed; allocate a new one");
    }
  }

  @Override
  public synchronized String toString() {
    return "SharedBuffer[" + segment.byteSize() + " bytes, exports=" + exports
        + (closeRequested ? ", closed]" : "]");
  }
}
