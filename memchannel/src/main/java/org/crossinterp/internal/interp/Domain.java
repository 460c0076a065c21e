package org.crossinterp.internal.interp;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;

/**
 * The engine behind one {@link Interpreter}, assembled from one part per concern: its {@link
 * InterpreterLock} (the "GIL" and the backend hooks), the thread {@link Switch}ing that never
 * holds two such locks, its {@link PendingCalls}, its {@link EventLoop} when it has a dedicated
 * thread, its {@link ShareLedger} ({@code liveShares()}) and its {@link Occupancy} (who is
 * inside; closing).
 *
 * <p>This class is the surface the rest of crossinterp uses (channels, views, proxies): every
 * method says which thread may call it.
 */
public final class Domain {
  private final long id;
  private final String name;
  private final InterpreterLock lock;
  private final PendingCalls pending = new PendingCalls();
  private final ShareLedger shares;
  private final Occupancy occupancy = new Occupancy();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final EventLoop loop;
  private volatile Interpreter api;

  Domain(long id, String name, boolean dedicatedThread, Runnable onEnter, Runnable onLeave) {
    this.id = id;
    this.name = name;
    this.lock = new InterpreterLock(this, onEnter, onLeave);
    this.shares = new ShareLedger(id);
    this.loop = dedicatedThread ? new EventLoop(this, name) : null;
  }

  /**
   * Binds the public handle and registers the domain as open; called once by {@link
   * Interpreter}'s constructor, so that {@link Domains#open()} never lists an unbound domain.
   *
   * @param api the handle
   */
  public void bind(Interpreter api) {
    this.api = api;
    Domains.register(this);
  }

  /** The public handle of this domain. */
  public Interpreter interpreter() {
    Interpreter a = api;
    if (a == null) {
      Interpreter.main(); // only main can be unbound: initialising Interpreter binds it
      a = api;
    }
    return a;
  }

  /** The process-wide id. */
  public long id() {
    return id;
  }

  /** The name given at creation. */
  public String name() {
    return name;
  }

  /** Whether this domain runs every task on its own thread. */
  public boolean isDedicated() {
    return loop != null;
  }

  InterpreterLock lock() {
    return lock;
  }

  PendingCalls pending() {
    return pending;
  }

  Occupancy occupancy() {
    return occupancy;
  }

  EventLoop loop() {
    return loop;
  }

  /**
   * The domain the calling thread is in: its innermost frame's, or main when it entered none.
   * Any thread.
   */
  public static Domain current() {
    Frame f = Switch.frame();
    return f == null ? Domains.main() : f.domain;
  }

  /**
   * Whether the calling thread has this domain anywhere on its interpreter stack, including the
   * stack of a thread waiting for the calling dedicated thread's task.
   */
  public boolean isOnCurrentStack() {
    return isOnStack(Switch.frame());
  }

  /** Walks the thread's frames and, from each task a dedicated thread runs, its caller's. */
  private boolean isOnStack(Frame top) {
    for (Frame f = top; f != null; f = f.parent) {
      if (f.domain == this || (f.caller != null && isOnStack(f.caller))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- calls

  /**
   * Runs {@code task} inside this domain, on the calling thread (on the dedicated thread, for a
   * dedicated domain, the caller waiting without its own lock), and returns its result; what
   * the task throws propagates unchanged. Re-entering the domain the thread runs in just runs
   * the task. Any thread. Happens-before: the caller's actions before the call are visible to
   * the task, the task's to the caller after it returns.
   *
   * @param task the task
   * @param <T> its result type
   * @return what the task returned
   * @throws Exception what the task threw, or {@link InterpreterClosedException}
   */
  public <T> T call(Callable<T> task) throws Exception {
    Objects.requireNonNull(task, "task");
    Frame from = Switch.frame();
    if (from != null) {
      Switch.repair(from);
      if (from.domain == this && from.isActive()) {
        return task.call();
      }
    }
    if (loop != null && !loop.isLoopThread()) {
      return callOnLoop(task, from);
    }
    return Switch.into(this, task, null);
  }

  private <T> T callOnLoop(Callable<T> task, Frame from) throws Exception {
    checkOpen();
    LoopTask.Call<T> call = new LoopTask.Call<>(this, task, from);
    if (!loop.offer(call)) {
      throw closedException();
    }
    Switch.blocking(new AwaitLoopCall(call));
    return call.result();
  }

  /** The caller's wait for a call on the event loop (a class, not a lambda: see Switch). */
  private record AwaitLoopCall(LoopTask.Call<?> loopCall)
      implements ScopedValue.CallableOp<Void, RuntimeException> {
    @Override
    public Void call() {
      // polls as well: the loop's wake-up may be lost to a stack overflow on its side
      Waiting.awaitUninterruptiblyPolling(loopCall, loopCall, 20_000_000L);
      return null;
    }
  }

  /**
   * Like {@link #call} for a {@link Runnable}; whatever it throws propagates unchanged.
   *
   * @param task the task
   */
  public void run(Runnable task) {
    Objects.requireNonNull(task, "task");
    try {
      call(Executors.callable(task));
    } catch (Exception e) {
      throw sneaky(e); // a Runnable throws a checked exception only by cheating: keep it as is
    }
  }

  /**
   * Runs {@code task} on another thread inside this domain (a new virtual thread, or the
   * dedicated one). Any thread. The returned future's waits give back the waiting thread's
   * interpreter lock (see {@link InterpreterFuture}).
   *
   * @param task the task
   * @param <T> its result type
   * @return its future result
   * @throws InterpreterClosedException if closed
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    checkOpen();
    InterpreterFuture<T> result = new InterpreterFuture<>();
    if (loop != null) {
      if (!loop.offer(new LoopTask.Submit<>(this, task, result))) {
        result.completeExceptionally(closedException());
      }
    } else {
      Thread.ofVirtual()
          .name("crossinterp-submit-" + name)
          .start(
              () -> {
                try {
                  result.complete(call(task));
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                }
              });
    }
    return result;
  }

  /**
   * Runs {@code wait} without the calling thread's interpreter lock, and takes it back after;
   * see {@link Switch#blocking}. Any thread.
   *
   * @param wait the wait
   * @param <T> its result type
   * @param <X> what it may throw
   * @return what {@code wait} returned
   * @throws X what {@code wait} threw
   */
  public static <T, X extends Throwable> T blocking(ScopedValue.CallableOp<T, X> wait) throws X {
    return Switch.blocking(wait);
  }

  // ---------------------------------------------------------------- pending calls

  /**
   * Runs {@code task} inside this domain without blocking on this domain's lock: at once when
   * the calling thread runs inside it; otherwise queued, and run by the thread holding the lock
   * before it lets go, by the dedicated thread, or, when the lock is free, by the calling thread
   * switching in like a call (it gives back its own lock first and takes it again after). Also
   * works after close, so that shares of a closed interpreter are still released in it. A
   * failure of {@code task} goes to the uncaught-exception handler of the thread that ran it.
   * Any thread.
   *
   * @param task the task; it should be short and should not wait
   */
  public void runPending(Runnable task) {
    queuePending(task); // first: once queued, no stack overflow in what follows can lose it
    drainPendingSoon();
  }

  /**
   * Queues {@code task} as a pending call without running anything; {@link #drainPendingSoon}
   * runs it. For callers that record, between the two, that the task is queued. Any thread.
   *
   * @param task the task
   */
  public void queuePending(Runnable task) {
    Objects.requireNonNull(task, "task");
    pending.add(task);
  }

  /**
   * Runs the queued pending calls as {@link #runPending} would: now if the calling thread runs
   * inside this domain, else by the lock holder, the event loop, or the calling thread
   * switching in. Any thread.
   */
  public void drainPendingSoon() {
    Frame f = Switch.frame();
    if (f != null && f.domain == this && f.isActive()) {
      pending.runAll(); // inside already: now, after whatever was queued before it
      return;
    }
    if (f != null) {
      Switch.repair(f);
    }
    Switch.drainIfIdle(this);
  }

  // ---------------------------------------------------------------- shares

  /** Counts a strong reference another interpreter now holds into this one. Any thread. */
  public void shareAcquired() {
    shares.acquired();
  }

  /** Uncounts a strong reference another interpreter held into this one. Any thread. */
  public void shareReleased() {
    shares.released();
  }

  /**
   * Uncounts a share and, when Flight Recorder asks for it, records a share-released event.
   * Any thread.
   *
   * @param kind "export" or "proxy"
   * @param createdNanos {@link #shareClock()} when the share was made
   */
  public void shareReleased(String kind, long createdNanos) {
    shares.released(kind, createdNanos);
  }

  /**
   * A timestamp for a new share, taken only while Flight Recorder records share releases (0
   * otherwise, so the hot path pays no clock read).
   */
  public static long shareClock() {
    return ShareLedger.clock();
  }

  /** The strong references other interpreters hold into this one. */
  public long liveShares() {
    return shares.live();
  }

  // ---------------------------------------------------------------- lifecycle

  /** Throws {@link InterpreterClosedException} if this domain is closed or closing. */
  public void checkOpen() {
    if (occupancy.isClosing()) {
      throw closedException();
    }
  }

  /** The exception for using this domain once closed. */
  public InterpreterClosedException closedException() {
    return new InterpreterClosedException(
        "interpreter "
            + this
            + " is closed; create a new interpreter, or keep this one open while it is used");
  }

  /**
   * Whether a thread is inside right now (running, switched out into a nested call, waiting, or
   * draining pending calls); always true for main, which every thread outside a call is in.
   */
  public boolean isRunning() {
    return this == Domains.main() || occupancy.isOccupied();
  }

  /** Whether {@link #close} has begun. */
  public boolean isClosed() {
    return occupancy.isClosing();
  }

  /**
   * Closes: refuses new entries, waits (without holding any interpreter lock) until every thread
   * inside has left and every drain in progress has finished, stops the dedicated thread after
   * it ran the tasks it had accepted, runs the last pending calls, unregisters, and tells the
   * close listeners. A second caller waits for the first to finish. Any thread but one inside.
   *
   * @throws IllegalStateException for main, or from a thread that has this domain on its stack
   */
  public void close() {
    if (this == Domains.main()) {
      throw new IllegalStateException(
          "the main interpreter cannot be closed; close the interpreters you created instead");
    }
    if (isOnCurrentStack() || (loop != null && loop.isLoopThread())) {
      throw new IllegalStateException(
          "interpreter "
              + this
              + " cannot be closed from inside itself (the calling thread is running in it);"
              + " close it from another interpreter once the call returns");
    }
    if (!occupancy.markClosing()) {
      Switch.blocking(
          () -> {
            Waiting.awaitUninterruptibly(closed);
            return null;
          });
      return;
    }
    try {
      Switch.blocking(
          () -> {
            occupancy.awaitEmpty();
            if (loop != null) {
              loop.shutdown();
            }
            Switch.drainForClose(this);
            occupancy.awaitEmpty();
            return null;
          });
      Domains.closed(this);
    } finally {
      closed.complete(null);
    }
  }

  @Override
  public String toString() {
    return "#" + id + " (" + name + ")";
  }

  /** Throws {@code t} unchanged, checked or not, without declaring it. */
  @SuppressWarnings("unchecked")
  static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
    throw (X) t;
  }
}
