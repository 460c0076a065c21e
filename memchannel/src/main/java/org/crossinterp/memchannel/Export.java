package org.crossinterp.memchannel;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.crossinterp.NotShareableException;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.ResumableTask;

/**
 * One send of one buffer: the exported memory, the interpreter that sent it, and the count of
 * live references to it. Created with one reference (the item in flight, then the first view);
 * {@code share()}/{@code slice()} add one each. The last release uncounts the origin's live
 * share and, for a {@link BufferExporter}, runs {@link BufferExporter#releaseExport} in the
 * origin as a pending call. It is also the {@link ViewShare} of its first view.
 *
 * <p>Plain memory (a segment, {@code ByteBuffer} or {@code byte[]}) has no release code to run,
 * so its last release only uncounts the share, on the releasing thread: switching to the origin
 * for nothing would cost a lock hand-off per item. A {@link SharedBuffer} is released on the
 * releasing thread too: its release is synchronised, and the user code it may run (its {@code
 * onAllSharesReleased} hooks) is sent to its owner as pending calls by the buffer itself.
 */
final class Export extends ViewShare {
  private static final VarHandle REFS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      REFS = lookup.findVarHandle(Export.class, "refs", int.class);
      // loaded and initialised now: a class first loaded at the last release, deep in a
      // recursion, could be cut short by a stack overflow inside the JDK's class loading
      lookup.ensureInitialized(End.class);
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
  private final long created = Domain.shareClock();
  private volatile int refs = 1;

  /** The end of this export, made by the thread that dropped the last reference. */
  private End end;

  private Export(Domain origin, BufferExporter exporter, MemorySegment exported, String format) {
    this.format = format;
    this.origin = origin;
    this.exporter = exporter;
    this.exported = exported;
    // Exporters that hand out read-only memory already (SharedBuffer does) cost no copy here.
    this.readOnly = exported.isReadOnly() ? exported : exported.asReadOnly();
  }

  /**
   * Exports {@code item} from the calling thread's interpreter. On any exception nothing is
   * exported: no share is counted and an exporter's acquire is matched by its release.
   *
   * @throws NullPointerException for null
   * @throws NotShareableException for unsupported types and confined segments
   * @throws IllegalStateException for memory that is no longer alive
   */
  static Export acquire(Object item) {
    requireItem(item);
    Domain origin = Domain.current();
    return switch (item) {
      case BufferExporter e -> fromExporter(origin, e);
      case MemorySegment s -> checked(origin, null, s, "MemorySegment");
      case ByteBuffer b -> checked(origin, null, segmentOf(b), "ByteBuffer");
      case byte[] a -> checked(origin, null, MemorySegment.ofArray(a), "byte[]");
      default ->
          throw new NotShareableException(
              "MemChannel cannot send a "
                  + item.getClass().getName()
                  + ": it sends MemorySegment, ByteBuffer, byte[], SharedBuffer or a"
                  + " BufferExporter. Implement BufferExporter for your type, or send objects"
                  + " over an ObjChannel");
    };
  }

  /**
   * Refuses null items, as Java queues do.
   *
   * @throws NullPointerException if {@code item} is null
   */
  static void requireItem(Object item) {
    if (item == null) {
      throw new NullPointerException(
          "a channel cannot carry null (as Java queues); send a buffer, an empty one if you"
              + " mean nothing");
    }
  }

  private static MemorySegment segmentOf(ByteBuffer b) {
    try {
      return MemorySegment.ofBuffer(b);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "the memory of this ByteBuffer is no longer alive (the arena of its segment was"
              + " closed); send live memory",
          e);
    }
  }

  private static Export fromExporter(Domain origin, BufferExporter e) {
    MemorySegment s = e.acquireExport();
    if (s == null) {
      throw new IllegalStateException(
          e.getClass().getName() + ".acquireExport() returned null; it must return the memory");
    }
    try {
      return checked(origin, e, s, e.getClass().getSimpleName());
    } catch (RuntimeException | Error t) {
      e.releaseExport(s);
      throw t;
    }
  }

  private static Export checked(Domain origin, BufferExporter exporter, MemorySegment s, String what) {
    if (!s.scope().isAlive()) {
      throw new IllegalStateException(
          "the memory of this "
              + what
              + " is no longer alive (its arena was closed); send live memory");
    }
    if (!s.isAccessibleBy(STRANGER)) {
      throw new NotShareableException(
          "a segment of a confined arena cannot cross to another interpreter: only its owner"
              + " thread may read it (this "
              + what
              + " is confined). Allocate it with Arena.ofShared() or Arena.ofAuto(), or send a"
              + " SharedBuffer");
    }
    String format = exporter == null ? CrossInterpreterView.BYTES : exporter.format();
    origin.shareAcquired();
    return new Export(origin, exporter, s, format == null ? CrossInterpreterView.BYTES : format);
  }

  Domain origin() {
    return origin;
  }

  /** As the state of the first view: that view's export is this one. */
  @Override
  Export export() {
    return this;
  }

  @Override
  long viewSize() {
    return readOnly.byteSize();
  }

  String format() {
    return format;
  }

  MemorySegment readOnly() {
    return readOnly;
  }

  /**
   * Adds a reference for a further view, unless the export was released meanwhile (a view
   * released by another thread while this one shares it).
   *
   * @return false if the export is already released
   */
  boolean tryRetain() {
    int r;
    do {
      r = refs;
      if (r <= 0) {
        return false;
      }
    } while (!REFS.weakCompareAndSet(this, r, r + 1));
    return true;
  }

  /** Drops the reference of an export that never became a view (not sent, or discarded). */
  void release() {
    releaseFrom(this);
  }

  /**
   * Drops the reference of view {@code s}; the last one ends the export. Resumable: each step
   * is recorded in {@code s} the moment it is done (no method is entered between an atomic step
   * and its record), so a call cut short by a stack overflow is finished by the next one
   * without repeating a step.
   */
  void releaseFrom(ViewShare s) {
    if (!s.refDropped) {
      int left = (int) REFS.getAndAdd(this, -1) - 1;
      s.wasLast = left == 0;
      s.refDropped = true;
      if (left < 0) {
        throw new IllegalStateException("export released more often than acquired: " + this);
      }
    }
    if (s.wasLast && !s.handedOn) {
      boolean queued = handOn();
      s.handedOn = true;
      if (queued) {
        origin.drainPendingSoon(); // may be cut short too: the queued end is run by any drain
      }
    }
  }

  /**
   * Ends the export, or queues its end in the origin.
   *
   * @return whether the end was queued (and the origin's pending calls should be run soon)
   */
  private boolean handOn() {
    if (exporter == null) {
      origin.shareReleased("export", created);
      return false;
    }
    if (end == null) {
      end = new End();
    }
    if (exporter instanceof SharedBuffer) {
      end.run(); // thread-safe bookkeeping; its hooks switch to its owner themselves
      return false;
    }
    origin.queuePending(end);
    return true;
  }

  /**
   * Ends an exporter's export, as a pending call in the origin (inline for SharedBuffer): the
   * exporter's {@code
   * releaseExport} exactly once (user code: never run twice, even if it overflows the stack),
   * then the share uncounted, whatever the exporter did. Each step records itself, so a drain
   * cut short by a stack overflow resumes it from a shallower stack without repeating a step.
   * Run by the origin's lock holder only.
   */
  private final class End implements ResumableTask {
    private boolean exporterCalled;
    private boolean uncounted;

    @Override
    public void run() {
      try {
        if (!exporterCalled) {
          callExporter();
        }
      } finally {
        if (!uncounted) {
          uncount();
        }
      }
    }

    private void callExporter() {
      exporterCalled = true; // first: once entered, the user's code counts as run
      exporter.releaseExport(exported);
    }

    private void uncount() {
      origin.shareReleased("export", created);
      uncounted = true;
    }
  }

  @Override
  public String toString() {
    return "Export[" + exported.byteSize() + " bytes from " + origin + ", refs=" + refs + "]";
  }
}
