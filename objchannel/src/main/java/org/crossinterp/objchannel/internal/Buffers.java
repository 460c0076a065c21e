package org.crossinterp.objchannel.internal;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.InvalidMarkException;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * {@code java.nio} buffers cross as arrays do ({@link Copies}): a buffer is a mutable window
 * onto memory, so the receiver gets a copy of the whole buffer (all of its capacity, not only
 * what remains) with the same position, limit and mark, the same byte order and directness for
 * a {@code ByteBuffer} (other direct buffers, which are views of a {@code ByteBuffer}, arrive
 * as heap buffers), read-only if it was. Copied back into the caller's buffer after a proxy
 * call: the contents (unless read-only) and the position, limit, mark and byte order the callee
 * left, so {@code ReadableByteChannel.read(ByteBuffer)} through a proxy fills and advances the
 * caller's buffer as it would directly.
 */
final class Buffers {
  private Buffers() {}

  /** A copy of {@code b}: a new buffer of the same kind, contents and state. */
  static Buffer copy(Buffer b) {
    Buffer copy = allocateLike(b);
    copyContents(b, copy);
    if (b.isReadOnly()) {
      copy = readOnly(copy);
    }
    if (b instanceof ByteBuffer bytes) {
      ((ByteBuffer) copy).order(bytes.order()); // after asReadOnlyBuffer, which resets it
    }
    setState(copy, b.position(), b.limit(), markOf(b));
    return copy;
  }

  /** Makes {@code into} hold what {@code from}, a copy of the same capacity, holds. */
  static void restore(Buffer into, Buffer from) {
    if (!into.isReadOnly()) {
      copyContents(from, into);
    }
    if (into instanceof ByteBuffer bytes) {
      bytes.order(((ByteBuffer) from).order());
    }
    setState(into, from.position(), from.limit(), markOf(from));
  }

  private static Buffer allocateLike(Buffer b) {
    int capacity = b.capacity();
    return switch (b) {
      case ByteBuffer x ->
          x.isDirect() ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
      case CharBuffer x -> CharBuffer.allocate(capacity);
      case ShortBuffer x -> ShortBuffer.allocate(capacity);
      case IntBuffer x -> IntBuffer.allocate(capacity);
      case LongBuffer x -> LongBuffer.allocate(capacity);
      case FloatBuffer x -> FloatBuffer.allocate(capacity);
      case DoubleBuffer x -> DoubleBuffer.allocate(capacity);
    };
  }

  private static Buffer readOnly(Buffer b) {
    return switch (b) {
      case ByteBuffer x -> x.asReadOnlyBuffer();
      case CharBuffer x -> x.asReadOnlyBuffer();
      case ShortBuffer x -> x.asReadOnlyBuffer();
      case IntBuffer x -> x.asReadOnlyBuffer();
      case LongBuffer x -> x.asReadOnlyBuffer();
      case FloatBuffer x -> x.asReadOnlyBuffer();
      case DoubleBuffer x -> x.asReadOnlyBuffer();
    };
  }

  /**
   * Copies all of {@code from}'s capacity into {@code to}, through cleared duplicates: bulk
   * transfers are bounded by limits, and neither buffer's own state may move.
   */
  private static void copyContents(Buffer from, Buffer to) {
    switch (to) {
      case ByteBuffer t -> t.duplicate().clear().put(((ByteBuffer) from).duplicate().clear());
      case CharBuffer t -> t.duplicate().clear().put(((CharBuffer) from).duplicate().clear());
      case ShortBuffer t -> t.duplicate().clear().put(((ShortBuffer) from).duplicate().clear());
      case IntBuffer t -> t.duplicate().clear().put(((IntBuffer) from).duplicate().clear());
      case LongBuffer t -> t.duplicate().clear().put(((LongBuffer) from).duplicate().clear());
      case FloatBuffer t -> t.duplicate().clear().put(((FloatBuffer) from).duplicate().clear());
      case DoubleBuffer t ->
          t.duplicate().clear().put(((DoubleBuffer) from).duplicate().clear());
    }
  }

  /**
   * The mark of {@code b}, or -1. {@code Buffer} has no getter for it; a duplicate has the same
   * mark, and resetting the duplicate reveals it without touching {@code b}.
   */
  private static int markOf(Buffer b) {
    Buffer probe = b.duplicate();
    try {
      probe.reset();
      return probe.position();
    } catch (InvalidMarkException none) {
      return -1;
    }
  }

  /** Sets position, limit and mark (-1: none), in the order that keeps each one valid. */
  private static void setState(Buffer b, int position, int limit, int mark) {
    b.clear(); // discards the old mark
    b.limit(limit);
    if (mark >= 0) {
      b.position(mark);
      b.mark();
    }
    b.position(position);
  }
}
