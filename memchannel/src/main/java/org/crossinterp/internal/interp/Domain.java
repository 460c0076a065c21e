package org.crossinterp.internal.interp;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.internal.jfr.InterpreterSwitchEvent;
import org.crossinterp.internal.jfr.JfrGate;
import org.crossinterp.internal.jfr.ShareReleasedEvent;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The engine behind one {@link Interpreter}: its lock (its "GIL"), its pending-call queue, its
 * share count and its lifecycle.
 *
 * <p><b>Switching.</b> The interpreter a thread is in is a {@link ScopedValue} stack of {@link
 * Frame}s. Entering another domain gives back the lock of the current one first (after draining
 * its pending calls), takes the target's, and undoes both on the way out, so a thread never
 * <em>waits</em> for a lock while it holds another and switching cannot deadlock. The one place
 * where a thread holds two locks is a pending-call drain (below); it takes the second lock only
 * with {@code tryLock}, and gives the first back before anything in the drain could wait.
 *
 * <p><b>Pending calls</b> (CPython's {@code Py_AddPendingCall}) are how other threads get work
 * done in this domain without blocking: the task goes on a JCTools MPSC queue and runs at once if
 * the lock is free; otherwise whoever holds the lock drains the queue before letting go of it.
 * After every unlock the queue is checked again, so no task is stranded (enqueue and unlock are
 * both sequentially consistent, so at least one side sees the other). A dedicated-thread domain
 * runs its pending calls on its own thread.
 *
 * <p><b>Hooks.</b> {@code onEnter} runs after each take of the lock and {@code onLeave} before
 * each give-back (switches, blocking waits, pending-call drains), so they always come in pairs
 * on the same thread. If {@code onEnter} fails on the way into a call, the lock is given back and
 * the call throws that failure; every other hook failure is reported to the thread's uncaught
 * exception handler and changes nothing, because the thread must stay consistent with the
 * interpreter it is logically in.
 *
 * <p><b>Lifecycle.</b> {@link #state} counts the threads that have this domain on their stack
 * (inside, or switched out in a nested call) and carries a CLOSING bit. Entering is refused
 * once the bit is set; {@link #close} waits until the count is zero.
 */
public final class Domain {
  private static final ScopedValue<Frame> FRAME = ScopedValue.newInstance();
  private static final int CLOSING = 1 << 30;
  private static final int COUNT_MASK = CLOSING - 1;

  private final long id;
  private final String name;
  private final Runnable onEnter;
  private final Runnable onLeave;
  private final ReentrantLock lock = new ReentrantLock();
  private final MpscUnboundedAtomicArrayQueue<Runnable> pending =
      new MpscUnboundedAtomicArrayQueue<>(64);
  private final LongAdder liveShares = new LongAdder();
  private final AtomicInteger state = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final DedicatedThread dedicated;
  private volatile Interpreter api;

  Domain(long id, String name, boolean dedicatedThread, Runnable onEnter, Runnable onLeave) {
    this.id = id;
    this.name = name;
    this.onEnter = onEnter;
    this.onLeave = onLeave;
    this.dedicated = dedicatedThread ? new DedicatedThread(this, name) : null;
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
    return dedicated != null;
  }

  private static Frame frame() {
    return FRAME.isBound() ? FRAME.get() : null;
  }

  /**
   * The domain the calling thread is in: the innermost frame, or main when the thread never
   * entered one.
   */
  public static Domain current() {
    Frame f = frame();
    return f == null ? Domains.main() : f.domain();
  }

  /**
   * Whether the calling thread has this domain anywhere on its interpreter stack, including the
   * stack of a thread waiting for the calling dedicated thread's task.
   */
  public boolean isOnCurrentStack() {
    for (Frame f = frame(); f != null; f = f.outer()) {
      if (f.domain() == this) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- calls

  /**
   * Runs {@code task} inside this domain on the calling thread (or on the dedicated thread) and
   * returns its result; whatever it throws propagates unchanged. Re-entering the domain the
   * thread is in just runs the task.
   *
   * @param task the task
   * @param <T> its result type
   * @return what the task returned
   * @throws Exception what the task threw, or {@link InterpreterClosedException}
   */
  public <T> T call(Callable<T> task) throws Exception {
    Objects.requireNonNull(task, "task");
    Frame from = frame();
    if (from != null && from.domain() == this) {
      return task.call();
    }
    if (dedicated != null && !dedicated.isCurrentThread()) {
      return dedicated.callAndWait(task, from);
    }
    return switchInto(from, null, task);
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
   * Runs {@code task} on another thread inside this domain (a virtual or the dedicated one).
   *
   * @param task the task
   * @param <T> its result type
   * @return its future result
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    checkOpen();
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable body =
        () -> {
          try {
            result.complete(call(task));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        };
    if (dedicated != null) {
      dedicated.execute(body, result);
    } else {
      Thread.ofVirtual().name("crossinterp-submit-" + name).start(body);
    }
    return result;
  }

  /**
   * Enters this domain from frame {@code from} on the calling thread, runs {@code task}, and
   * comes back.
   *
   * @param caller the waiting caller's frame when this runs a dedicated-thread task, or null
   */
  <T> T switchInto(Frame from, Frame caller, Callable<T> task) throws Exception {
    enterCount();
    try {
      boolean held = from != null && suspend(from);
      try {
        enterLock();
        try {
          return ScopedValue.where(FRAME, new Frame(this, from, null, caller)).call(task::call);
        } finally {
          leaveLock();
        }
      } finally {
        if (held) {
          from.domain().reenterLock();
        }
      }
    } finally {
      exitCount();
    }
  }

  /**
   * Gives back every interpreter lock the calling thread holds for frame {@code f}: the hosts
   * it borrowed from (for good, until their drains end) and then the frame's own lock.
   *
   * @return whether the frame's own lock was held, and must be taken again afterwards
   */
  private static boolean suspend(Frame f) {
    for (Frame h = f; h != null && h.host() != null; h = h.parent()) {
      Frame.Host host = h.host();
      if (!host.released) {
        host.released = true;
        host.domain.unlockBare();
      }
    }
    Domain d = f.domain();
    if (!d.lock.isHeldByCurrentThread()) {
      return false;
    }
    d.leaveLock();
    return true;
  }

  /**
   * Gives back the calling thread's interpreter lock for the duration of {@code wait}, as a
   * blocking call releases the GIL, and takes it back afterwards. Channels and dedicated-thread
   * calls wait through this, so that a waiting thread never blocks its own interpreter. Also
   * gives back host locks borrowed for a pending-call drain.
   *
   * @param wait the wait
   * @param <T> its result type
   * @param <X> what it may throw
   * @return what {@code wait} returned
   * @throws X what {@code wait} threw
   */
  public static <T, X extends Throwable> T blocking(ScopedValue.CallableOp<T, X> wait) throws X {
    Frame f = frame();
    if (f == null || !f.domain().lock.isHeldByCurrentThread()) {
      return wait.call();
    }
    suspend(f);
    try {
      return wait.call();
    } finally {
      f.domain().reenterLock();
    }
  }

  // ---------------------------------------------------------------- the lock

  /** Takes the lock to enter a call; a failing {@code onEnter} gives it back and fails the call. */
  private void enterLock() {
    lockRecorded();
    if (onEnter != null) {
      try {
        onEnter.run();
      } catch (Throwable t) {
        lock.unlock();
        drainIfIdle();
        throw t;
      }
    }
  }

  /** Takes the lock; with JFR recording, an {@link InterpreterSwitchEvent} times the wait. */
  private void lockRecorded() {
    if (!JfrGate.switches()) {
      lock.lock();
      return;
    }
    InterpreterSwitchEvent e = new InterpreterSwitchEvent();
    if (!e.isEnabled()) {
      lock.lock();
      return;
    }
    e.begin();
    lock.lock();
    e.end();
    if (e.shouldCommit()) {
      Frame from = frame();
      e.interpreterId = id;
      e.interpreterName = name;
      e.fromInterpreterId = from == null ? -1 : from.domain().id();
      e.commit();
    }
  }

  /** Takes the lock again for a frame the thread is logically in; never fails. */
  private void reenterLock() {
    lockRecorded();
    hookSafely(onEnter);
  }

  /** Runs the pending calls, {@code onLeave}, gives the lock back; never fails. */
  private void leaveLock() {
    try {
      drainHeld();
      hookSafely(onLeave);
    } finally {
      lock.unlock();
      drainIfIdle();
    }
  }

  /**
   * Gives back a borrowed host lock without running its pending calls: the thread takes it
   * again later and drains then, or another thread that takes it meanwhile drains.
   */
  private void unlockBare() {
    try {
      hookSafely(onLeave);
    } finally {
      lock.unlock();
    }
  }

  private static boolean hookSafely(Runnable hook) {
    if (hook == null) {
      return true;
    }
    try {
      hook.run();
      return true;
    } catch (Throwable t) {
      report(t);
      return false;
    }
  }

  private static void report(Throwable t) {
    Thread me = Thread.currentThread();
    me.getUncaughtExceptionHandler().uncaughtException(me, t);
  }

  // ---------------------------------------------------------------- pending calls

  /**
   * Runs {@code task} inside this domain without blocking the caller: at once when the calling
   * thread is inside already or the lock is free, otherwise by the thread that holds the lock,
   * before it lets go (for a dedicated-thread domain: on its thread, as soon as it is free).
   * Also works after close, so that shares of a closed interpreter are still released. A
   * failure of {@code task} goes to the uncaught exception handler of the thread that ran it.
   *
   * @param task the task; it should be short and should not wait
   */
  public void runPending(Runnable task) {
    Objects.requireNonNull(task, "task");
    Frame f = frame();
    if (f != null && f.domain() == this && lock.isHeldByCurrentThread()) {
      runSafely(task);
      return;
    }
    pending.offer(task);
    if (dedicated == null || !dedicated.wake()) {
      drainIfIdle();
    }
  }

  /**
   * Runs the pending calls if the lock is free, with the hooks, in a frame of this domain; never
   * waits and never fails. If the thread holds another domain's lock (the host), it keeps it
   * unless a pending call would wait, and then takes it again after giving this lock back.
   */
  void drainIfIdle() {
    while (!pending.isEmpty() && !lock.isHeldByCurrentThread() && lock.tryLock()) {
      Frame f = frame();
      Frame.Host host =
          f != null && f.domain() != this && f.domain().lock.isHeldByCurrentThread()
              ? new Frame.Host(f.domain())
              : null;
      try {
        if (!hookSafely(onEnter)) {
          return; // the lock is given back below; the queue waits for a working enter
        }
        ScopedValue.where(FRAME, new Frame(this, f, host, null)).run(this::runQueued);
        hookSafely(onLeave);
      } finally {
        lock.unlock();
        if (host != null && host.released) {
          host.domain.reenterLock();
        }
      }
    }
  }

  /** Runs the pending calls; the calling thread holds the lock. */
  private void drainHeld() {
    if (pending.isEmpty()) {
      return;
    }
    Frame f = frame();
    if (f != null && f.domain() == this) {
      runQueued();
    } else {
      ScopedValue.where(FRAME, new Frame(this, f, null, null)).run(this::runQueued);
    }
  }

  private void runQueued() {
    Runnable r;
    while ((r = pending.poll()) != null) {
      runSafely(r);
    }
  }

  private static void runSafely(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      report(t);
    }
  }

  // ---------------------------------------------------------------- shares

  /** Counts a strong reference another interpreter now holds into this one. */
  public void shareAcquired() {
    liveShares.increment();
  }

  /** Uncounts a strong reference another interpreter held into this one. */
  public void shareReleased() {
    liveShares.decrement();
  }

  /**
   * Uncounts a share and, when Flight Recorder asks for it, records a {@link
   * ShareReleasedEvent}.
   *
   * @param kind "export" or "proxy"
   * @param createdNanos {@link #shareClock()} when the share was made
   */
  public void shareReleased(String kind, long createdNanos) {
    liveShares.decrement();
    if (!JfrGate.releases()) {
      return;
    }
    ShareReleasedEvent e = new ShareReleasedEvent();
    if (e.isEnabled()) {
      e.originId = id;
      e.kind = kind;
      e.ageNanos = createdNanos == 0 ? 0 : System.nanoTime() - createdNanos;
      e.commit();
    }
  }

  /**
   * A timestamp for a new share, taken only while Flight Recorder records share releases (0
   * otherwise, so the hot path pays no clock read).
   */
  public static long shareClock() {
    return JfrGate.releases() ? System.nanoTime() : 0;
  }

  /** The strong references other interpreters hold into this one. */
  public long liveShares() {
    return liveShares.sum();
  }

  // ---------------------------------------------------------------- lifecycle

  private void enterCount() {
    for (; ; ) {
      int s = state.get();
      if ((s & CLOSING) != 0) {
        throw closedException();
      }
      if (state.compareAndSet(s, s + 1)) {
        return;
      }
    }
  }

  private void exitCount() {
    if (state.decrementAndGet() == CLOSING) {
      drained.complete(null);
    }
  }

  /** Throws {@link InterpreterClosedException} if this domain is closed or closing. */
  public void checkOpen() {
    if ((state.get() & CLOSING) != 0) {
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
   * Whether a thread has this domain on its stack right now; always true for main, which every
   * thread outside a call is in.
   */
  public boolean isRunning() {
    return this == Domains.main() || (state.get() & COUNT_MASK) != 0;
  }

  /** Whether {@link #close} has begun. */
  public boolean isClosed() {
    return (state.get() & CLOSING) != 0;
  }

  /**
   * Closes: refuses new entries, waits (without holding any interpreter lock) until the threads
   * inside have left, runs the pending calls, stops the dedicated thread, unregisters, and tells
   * the close listeners. A second caller waits for the first to finish.
   *
   * @throws IllegalStateException for main, or from a thread that has this domain on its stack
   */
  public void close() {
    if (this == Domains.main()) {
      throw new IllegalStateException(
          "the main interpreter cannot be closed; close the interpreters you created instead");
    }
    if (isOnCurrentStack()) {
      throw new IllegalStateException(
          "interpreter "
              + this
              + " cannot be closed from inside itself (the calling thread is running in it);"
              + " close it from another interpreter once the call returns");
    }
    int s;
    do {
      s = state.get();
      if ((s & CLOSING) != 0) {
        blocking(closed::join);
        return;
      }
    } while (!state.compareAndSet(s, s | CLOSING));
    try {
      if ((s & COUNT_MASK) == 0) {
        drained.complete(null);
      }
      blocking(
          () -> {
            drained.join();
            if (dedicated != null) {
              dedicated.shutdown();
            }
            drainIfIdle();
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
