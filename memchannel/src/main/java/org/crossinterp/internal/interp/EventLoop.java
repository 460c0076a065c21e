package org.crossinterp.internal.interp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.crossinterp.internal.jfr.NestedTaskBlockedEvent;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The event loop of a dedicated-thread interpreter: one platform thread that runs every call,
 * submit and pending-call drain of its interpreter, from one inbox, for exactly as long as the
 * interpreter lives.
 *
 * <p><b>Lifetime.</b> Nothing but {@link #shutdown} ends the thread: an interrupt reaches the
 * task that runs, as on any thread, and a stray one is cleared before each task; a task that
 * fails is reported and the loop goes on. Accepting a task and shutting down are atomic with
 * each other (one monitor), so every accepted task runs before the thread ends (and fails with
 * {@code InterpreterClosedException} if the interpreter closed meanwhile), and one offered after
 * shutdown is refused at once: no caller waits forever.
 *
 * <p><b>Nested loops.</b> While the thread waits anywhere crossinterp makes it wait ({@link
 * Waiting}: a channel, a call into another interpreter, a future), it keeps taking tasks from
 * its inbox and runs them nested on top of the waiting one, each entered afresh (lock and
 * {@code onEnter}); the waiting task resumes as soon as the nested ones return. This is what
 * lets two dedicated interpreters call each other at the same time, and a release queued for an
 * interpreter whose thread waits run at all.
 *
 * <p><b>Blocked loops.</b> A nested task that itself waits for something only a task beneath
 * it would do can never return (as in every event loop). It is the user's mistake, and made
 * visible: when a nested wait has lasted longer than {@code
 * crossinterp.eventLoop.blockedWarningMillis} (default 1000; 0 turns it off; read when the
 * interpreter is created) while a wait beneath it is already satisfied, a {@link
 * NestedTaskBlockedEvent} is recorded and a warning logged on {@code org.crossinterp.eventloop},
 * naming both tasks.
 *
 * <p>Threads: {@link #offer}, {@link #requestDrain} and {@link #shutdown} from any thread; the
 * rest on the loop thread only. Happens-before: everything a thread did before {@link #offer}
 * is visible to the task when it runs (the MPSC queue's release/acquire).
 */
final class EventLoop {
  private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
  private static final System.Logger LOG = System.getLogger("org.crossinterp.eventloop");
  static final String WARNING_PROPERTY = "crossinterp.eventLoop.blockedWarningMillis";

  private final Domain domain;
  private final Thread thread;
  private final MpscUnboundedAtomicArrayQueue<LoopTask> inbox =
      new MpscUnboundedAtomicArrayQueue<>(32);
  private final Object admission = new Object();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final LoopTask.Drain drain;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final long warnNanos;
  private volatile boolean stopping; // written under admission

  // loop thread only
  private LoopTask running;
  private WaitRecord waits;
  private LoopTask unpublished;

  /** One wait of the loop thread, and the task it belongs to; they stack when nested. */
  private static final class WaitRecord {
    final LoopTask task;
    final BooleanSupplier done;
    final WaitRecord below;
    final long since = System.nanoTime();

    WaitRecord(LoopTask task, BooleanSupplier done, WaitRecord below) {
      this.task = task;
      this.done = done;
      this.below = below;
    }

    /** The first wait beneath this one that could already go on. */
    WaitRecord readyBelow() {
      for (WaitRecord w = below; w != null; w = w.below) {
        if (w.done.getAsBoolean()) {
          return w;
        }
      }
      return null;
    }
  }

  EventLoop(Domain domain, String name) {
    this.domain = domain;
    this.drain = new LoopTask.Drain(domain, this);
    this.warnNanos = warnThreshold();
    this.thread = Thread.ofPlatform().daemon(true).name("crossinterp-" + name).unstarted(this::loop);
    thread.start();
  }

  private static long warnThreshold() {
    String p = System.getProperty(WARNING_PROPERTY);
    long millis = 1000;
    if (p != null && !p.isBlank()) {
      try {
        millis = Long.parseLong(p.trim());
      } catch (NumberFormatException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            WARNING_PROPERTY + "=" + p + " is not a number of milliseconds; using 1000");
      }
    }
    return millis <= 0 ? 0 : millis * 1_000_000L;
  }

  /** Whether the calling thread is this loop's thread. */
  boolean isLoopThread() {
    return Thread.currentThread() == thread;
  }

  /**
   * Accepts {@code task} unless the loop is shutting down.
   *
   * @return false if refused: the loop will never run it
   */
  boolean offer(LoopTask task) {
    StackReserve.ensure(); // an offer cut in half would leave a slot the loop spins on
    synchronized (admission) {
      if (stopping) {
        return false;
      }
      inbox.offer(task);
    }
    LockSupport.unpark(thread);
    return true;
  }

  /**
   * Asks the loop thread to run the pending calls.
   *
   * @return false if the caller must run them itself: it is the loop thread, or the loop stopped
   */
  boolean requestDrain() {
    if (isLoopThread() || stopping) {
      return false;
    }
    if (!drainQueued.compareAndSet(false, true)) {
      return true; // one is queued and has not started: it will see this call too
    }
    if (!offer(drain)) {
      drainQueued.set(false);
      return false;
    }
    return true;
  }

  /** Called by the drain task as it starts: later requests queue a new one. */
  void drainStarted() {
    drainQueued.set(false);
  }

  private void loop() {
    CURRENT.set(this);
    try {
      for (; ; ) {
        try {
          publishDeferred();
          LoopTask t = inbox.poll();
          if (t != null) {
            Thread.interrupted(); // a stray interrupt belongs to no task: clear it
            runTask(t);
            continue;
          }
          if (stopping) {
            if (inbox.isEmpty()) {
              return;
            }
            continue;
          }
          LockSupport.park(this);
        } catch (Throwable t) {
          Hooks.runSafely(() -> Hooks.report(t)); // the loop outlives every failure
        }
      }
    } finally {
      publishDeferred();
      LoopTask t;
      while ((t = inbox.poll()) != null) {
        t.abandon(domain);
      }
      terminated.complete(null);
    }
  }

  private void runTask(LoopTask t) {
    LoopTask outer = running;
    running = t;
    try {
      t.run();
    } catch (Throwable overflow) {
      // run() fails only when the stack overflowed in its own bookkeeping (deep in a nested
      // loop): it must not surface in the task waiting beneath; what is left is done below
    } finally {
      running = outer;
      if (t.needsPublish()) {
        t.nextUnpublished = unpublished; // field writes only: they cannot overflow
        unpublished = t;
      }
    }
  }

  /** Publishes the outcomes that a stack overflow kept from their waiters; shallow callers. */
  private void publishDeferred() {
    while (unpublished != null) {
      LoopTask t = unpublished;
      unpublished = t.nextUnpublished;
      t.nextUnpublished = null;
      try {
        t.publish();
      } catch (Throwable again) {
        t.nextUnpublished = unpublished;
        unpublished = t;
        return; // still too deep: a shallower caller tries again
      }
    }
  }

  /**
   * Stops accepting tasks and waits until the thread has run every accepted one and ended. The
   * caller is not the loop thread.
   */
  void shutdown() {
    synchronized (admission) {
      stopping = true;
    }
    LockSupport.unpark(thread);
    Waiting.awaitUninterruptibly(terminated);
  }


  // ------------------------------------------------------------------ waiting

  /** See {@link Waiting#await}; pumps the calling thread's loop if it runs one. */
  static boolean await(BooleanSupplier done, long nanos, Object blocker, long maxParkNanos) {
    EventLoop loop = CURRENT.get();
    if (loop != null) {
      return loop.pumpUntil(done, nanos, blocker, maxParkNanos);
    }
    long deadline = nanos > 0 ? System.nanoTime() + nanos : 0;
    for (; ; ) {
      if (done.getAsBoolean()) {
        return true;
      }
      if (nanos == 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      long park = maxParkNanos;
      if (nanos > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return done.getAsBoolean();
        }
        park = park > 0 ? Math.min(park, left) : left;
      }
      if (park > 0) {
        LockSupport.parkNanos(blocker, park);
      } else {
        LockSupport.park(blocker);
      }
    }
  }

  private boolean pumpUntil(BooleanSupplier done, long nanos, Object blocker, long maxParkNanos) {
    WaitRecord rec = new WaitRecord(running, done, waits);
    waits = rec;
    boolean reported = false;
    try {
      long deadline = nanos > 0 ? rec.since + nanos : 0;
      for (; ; ) {
        if (done.getAsBoolean()) {
          return true;
        }
        if (nanos == 0 || thread.isInterrupted()) {
          return false;
        }
        StackReserve.ensure();
        publishDeferred();
        LoopTask t = inbox.poll();
        if (t != null) {
          runTask(t);
          continue;
        }
        long now = System.nanoTime();
        long park = maxParkNanos > 0 ? maxParkNanos : Long.MAX_VALUE;
        if (nanos > 0) {
          if (now - deadline >= 0) {
            return done.getAsBoolean();
          }
          park = Math.min(park, deadline - now);
        }
        if (!reported && warnNanos > 0 && rec.below != null) {
          long due = rec.since + warnNanos - now;
          if (due <= 0) {
            WaitRecord ready = rec.readyBelow();
            if (ready != null) {
              report(rec, ready, now - rec.since);
              reported = true;
            } else {
              due = warnNanos; // nothing beneath is ready yet; a waker of one unparks us anyway
            }
          }
          if (!reported) {
            park = Math.min(park, due);
          }
        }
        if (park == Long.MAX_VALUE) {
          LockSupport.park(blocker);
        } else {
          LockSupport.parkNanos(blocker, park);
        }
      }
    } finally {
      waits = rec.below;
    }
  }

  private void report(WaitRecord blocked, WaitRecord ready, long blockedNanos) {
    String blockedTask = blocked.task == null ? "?" : blocked.task.describe();
    String readyTask = ready.task == null ? "?" : ready.task.describe();
    NestedTaskBlockedEvent e = new NestedTaskBlockedEvent();
    if (e.isEnabled()) {
      e.interpreterName = domain.name();
      e.interpreterId = domain.id();
      e.blockedTask = blockedTask;
      e.readyTask = readyTask;
      e.blockedMillis = blockedNanos / 1_000_000L;
      e.commit();
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "interpreter "
            + domain
            + ": task "
            + blockedTask
            + " has blocked its event loop for "
            + blockedNanos / 1_000_000L
            + " ms, while task "
            + readyTask
            + " beneath it is ready to resume and cannot until it returns. A task of a"
            + " dedicated interpreter must not wait for work that only a later task of the same"
            + " interpreter would do; wait outside the interpreter, or hand the work to another"
            + " interpreter.");
  }
}
