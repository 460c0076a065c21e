package org.crossinterp.memchannel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.crossinterp.Interpreter;
import org.crossinterp.internal.interp.StackReserve;

/**
 * A cross-interpreter view (Nick Coghlan's "CIV"): read-only access to memory another
 * interpreter exported, without a copy.
 *
 * <p>The receiver of a {@link MemChannel} item gets one view; {@link #share()} and {@link
 * #slice} make further independent views of the same export, each released on its own. When the
 * last view of an export is released, the exporter's {@link BufferExporter#releaseExport} runs
 * in the sending interpreter (a pending call: it never blocks the releasing thread on that
 * interpreter's lock) and the sender's {@link Interpreter#liveShares()} drops by one.
 *
 * <p><b>Threads.</b> A view may be read and released from any thread. Writes the sender makes to
 * the memory stay visible through the view; they are ordered with the reader's reads only by the
 * reader's and sender's own synchronisation, as for any shared memory.
 *
 * <p><b>Lifetime.</b> {@link #release()} is idempotent. After it, {@link #segment()}, {@link
 * #asByteBuffer()}, {@link #share()}, {@link #slice} and {@link #toByteArray()} throw {@link
 * IllegalStateException}. A view dropped without release is released when it is
 * garbage-collected, and reported by the {@link org.crossinterp.LeakDetector}. The memory itself
 * is never freed under a reader: native memory lives until every view is released; if its owner
 * closes the arena anyway, reads fail with {@link IllegalStateException}, never a crash.
 */
public final class CrossInterpreterView implements AutoCloseable {
  /** The {@link #format()} of plain bytes, PEP 3118's {@code "B"}. */
  public static final String BYTES = "B";

  // Two objects per first view (this and its Cleanable; the export is its ViewShare), three per
  // further view: this is the hot path of every receive.
  private final MemorySegment segment;
  private final ViewShare share; // final: publishes what track() wrote into it with the view

  private CrossInterpreterView(MemorySegment segment, ViewShare share) {
    this.segment = segment;
    this.share = share;
    share.track(this);
  }

  /** The first view of a received export; takes over the reference the item held in flight. */
  static CrossInterpreterView first(Export export) {
    return new CrossInterpreterView(export.readOnly(), export);
  }

  /** The state of a view made by {@link #share()} or {@link #slice}. */
  private static final class Further extends ViewShare {
    private final Export export;
    private final long size;

    Further(Export export, long size) {
      this.export = export;
      this.size = size;
    }

    @Override
    Export export() {
      return export;
    }

    @Override
    long viewSize() {
      return size;
    }
  }

  private CrossInterpreterView further(MemorySegment part) {
    return new CrossInterpreterView(part, new Further(share.export(), part.byteSize()));
  }

  private void checkLive() {
    if (share.isReleased()) {
      throw releasedException();
    }
  }

  private IllegalStateException releasedException() {
    return new IllegalStateException(
        "this CrossInterpreterView ("
            + segment.byteSize()
            + " bytes from "
            + share.export().origin()
            + ") was released and may not be used any more; call share() before release() to"
            + " keep a view of the memory");
  }

  /**
   * The memory, read-only, the same the sender exported. Any thread.
   *
   * @return the segment; valid until this view (and every other view of it) is released
   * @throws IllegalStateException after release
   */
  public MemorySegment segment() {
    checkLive();
    return segment;
  }

  /**
   * The memory as a read-only {@link ByteBuffer} (for APIs that want one); no copy.
   *
   * @return a new read-only buffer over the same memory
   * @throws IllegalStateException after release
   */
  public ByteBuffer asByteBuffer() {
    checkLive();
    return segment.asByteBuffer();
  }

  /**
   * The size in bytes; still answers after release.
   *
   * @return the size
   */
  public long byteSize() {
    return segment.byteSize();
  }

  /**
   * What the bytes mean, as the exporter declared it ({@link BufferExporter#format()}): {@link
   * #BYTES} for plain buffers, an encoding name such as {@code "utf-8"} for text. Still answers
   * after release.
   *
   * @return the format
   */
  public String format() {
    return share.export().format();
  }

  /**
   * The interpreter that exported the memory, where its release runs.
   *
   * @return the origin
   */
  public Interpreter origin() {
    return share.export().origin().interpreter();
  }

  /**
   * A further, independent view of the same export: it keeps the memory alive after this view
   * is released, and must be released itself.
   *
   * @return a new view
   * @throws IllegalStateException after release
   */
  public CrossInterpreterView share() {
    retainLive();
    try {
      return further(segment);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Adds a reference to the export for a new view, or throws if this view is released. */
  private void retainLive() {
    checkLive();
    // The export may have been ended by a release on another thread since the check.
    if (!share.export().tryRetain()) {
      throw releasedException();
    }
  }

  /**
   * A view of part of this view's memory, with its own share.
   *
   * @param offset the first byte, relative to this view
   * @param length the number of bytes
   * @return a new view, to be released on its own
   * @throws IndexOutOfBoundsException if the range is not inside this view
   * @throws IllegalStateException after release
   */
  public CrossInterpreterView slice(long offset, long length) {
    checkLive();
    if (offset < 0 || length < 0 || offset > segment.byteSize() - length) {
      throw new IndexOutOfBoundsException(
          "slice("
              + offset
              + ", "
              + length
              + ") is outside this view of "
              + segment.byteSize()
              + " bytes; offset and length must be >= 0 and offset + length <= byteSize()");
    }
    retainLive();
    try {
      return further(segment.asSlice(offset, length));
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * An explicit copy of the bytes, owned by the caller.
   *
   * @return a new array
   * @throws IllegalStateException after release, or if the owner closed the memory's arena
   */
  public byte[] toByteArray() {
    checkLive();
    try {
      return segment.toArray(ValueLayout.JAVA_BYTE);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Whether {@link #release()} was called (or the view was collected).
   *
   * @return true once released
   */
  public boolean isReleased() {
    return share.isReleased();
  }

  /**
   * Records that this view passed through here, for the leak detector (Netty's {@code touch}):
   * at {@code PARANOID} a leak report lists the most recent touches with their stacks, so a
   * leaked view can be followed from its creation to where it was dropped. Free at other levels.
   * Any thread.
   *
   * @param hint what to say about this place (its {@code toString()} is recorded), or null
   * @return this view
   */
  public CrossInterpreterView touch(Object hint) {
    share.touch(hint);
    return this;
  }

  /**
   * Releases this view. Idempotent; any thread. The last release of an export runs {@link
   * BufferExporter#releaseExport} in the origin interpreter.
   */
  public void release() {
    // marking the view released and handing its reference back must not be cut apart by a
    // stack overflow (deep recursion across interpreters): overflow here, before either
    StackReserve.ensure(StackReserve.RELEASE);
    if (!share.releaseByHolder() && share.isCutShort()) {
      share.finishRelease(); // an earlier release() overflowed the stack half-way: finish it
    }
  }

  /** Same as {@link #release()}, for try-with-resources. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "CrossInterpreterView["
        + segment.byteSize()
        + " bytes from "
        + share.export().origin()
        + (share.isReleased() ? ", released]" : "]");
  }
}
