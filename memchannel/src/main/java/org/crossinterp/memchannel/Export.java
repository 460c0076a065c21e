package org.crossinterp.memchannel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;

/**
 * One send of one buffer: the exported memory, the interpreter that sent it, and the count of
 * live views. Created with one reference (the item in flight, then the first view); {@code
 * share()}/{@code slice()} add one each; the last release runs {@link
 * BufferExporter#releaseExport} in the origin as a pending call and uncounts the origin's live
 * share.
 */
final class Export {
  private static final VarHandle REFS;

  static {
    try {
      REFS = MethodHandles.lookup().findVarHandle(Export.class, "refs", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  /** A thread no segment is confined to, to ask whether a segment is confined. */
  private static final Thread STRANGER = Thread.ofVirtual().unstarted(() -> {});

  private final Domain origin;
  private final BufferExporter exporter;
  private final MemorySegment exported;
  private final MemorySegment readOnly;
  private final String format;
  private volatile int refs = 1;

  private Export(Domain origin, BufferExporter exporter, MemorySegment exported, String format) {
    this.format = format;
    this.origin = origin;
    this.exporter = exporter;
    this.exported = exported;
    this.readOnly = exported.asReadOnly();
  }

  /**
   * Exports {@code item} from the calling thread's interpreter.
   *
   * @throws NotShareableException for unsupported types and confined segments
   * @throws IllegalStateException for memory that is no longer alive
   */
  static Export acquire(Object item) {
    Objects.requireNonNull(item, "item");
    Domain origin = Domain.current();
    return switch (item) {
      case BufferExporter e -> fromExporter(origin, e);
      case MemorySegment s -> checked(origin, null, s, item);
      case ByteBuffer b -> checked(origin, null, MemorySegment.ofBuffer(b), item);
      case byte[] a -> checked(origin, null, MemorySegment.ofArray(a), item);
      default ->
          throw new NotShareableException(
              "MemChannel cannot send a "
                  + item.getClass().getName()
                  + ": it sends MemorySegment, ByteBuffer, byte[], SharedBuffer or a"
                  + " BufferExporter. Implement BufferExporter for your type, or send objects"
                  + " over an ObjChannel");
    };
  }

  private static Export fromExporter(Domain origin, BufferExporter e) {
    MemorySegment s = e.acquireExport();
    if (s == null) {
      throw new IllegalStateException(
          e.getClass().getName() + ".acquireExport() returned null; it must return the memory");
    }
    try {
      return checked(origin, e, s, e);
    } catch (RuntimeException | Error t) {
      e.releaseExport(s);
      throw t;
    }
  }

  private static Export checked(
      Domain origin, BufferExporter exporter, MemorySegment s, Object item) {
    if (!s.scope().isAlive()) {
      throw new IllegalStateException(
          "the memory of this " + item.getClass().getSimpleName()
              + " is no longer alive (its arena was closed); send live memory");
    }
    if (!s.isAccessibleBy(STRANGER)) {
      throw new NotShareableException(
          "a segment of a confined arena cannot cross to another interpreter: only its owner"
              + " thread may read it. Allocate it with Arena.ofShared() or Arena.ofAuto(), or"
              + " send a SharedBuffer");
    }
    String format = exporter == null ? CrossInterpreterView.BYTES : exporter.format();
    origin.shareAcquired();
    return new Export(origin, exporter, s, format == null ? CrossInterpreterView.BYTES : format);
  }

  Domain origin() {
    return origin;
  }

  String format() {
    return format;
  }

  MemorySegment readOnly() {
    return readOnly;
  }

  /** Adds a reference for a further view; the caller holds a live one. */
  void retain() {
    REFS.getAndAdd(this, 1);
  }

  /** Drops a reference; the last one releases the export in its origin. */
  void release() {
    int left = (int) REFS.getAndAdd(this, -1) - 1;
    if (left == 0) {
      origin.runPending(this::finish);
    } else if (left < 0) {
      throw new IllegalStateException("export released more often than acquired");
    }
  }

  private void finish() {
    try {
      if (exporter != null) {
        exporter.releaseExport(exported);
      }
    } finally {
      origin.shareReleased();
    }
  }

  @Override
  public String toString() {
    return "Export[" + exported.byteSize() + " bytes from " + origin + ", refs=" + refs + "]";
  }
}
