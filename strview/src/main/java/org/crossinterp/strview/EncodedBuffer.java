package org.crossinterp.strview;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.SharedBuffer;

/**
 * The {@link SharedBuffer} {@link StrView#encode} made, held by the lifetimes of the StrView and
 * its slices; closed (by the buffer: once no export is live) when the last lets go.
 */
final class EncodedBuffer {
  private final SharedBuffer buffer;
  private final AtomicInteger holders = new AtomicInteger(1);

  EncodedBuffer(SharedBuffer buffer) {
    this.buffer = buffer;
  }

  /** Adds a holder (a slice), unless the last one let go meanwhile. */
  boolean tryRetain() {
    for (int h = holders.get(); h > 0; h = holders.get()) {
      if (holders.compareAndSet(h, h + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Lets go of it; the last holder closes the buffer. */
  void drop() {
    if (holders.decrementAndGet() == 0) {
      buffer.close();
    }
  }

  /** Exports it for one send. */
  void acquireExport() {
    buffer.acquireExport();
  }

  /** Ends one export. */
  void releaseExport(MemorySegment exported) {
    buffer.releaseExport(exported);
  }

  /** The interpreter that encoded the text, which owns the buffer. */
  Interpreter owner() {
    return buffer.owner();
  }

  long byteSize() {
    return buffer.byteSize();
  }
}
