package org.crossinterp.internal.interp;

import java.lang.ScopedValue.CallableOp;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The engine behind one {@link Interpreter}: its lock (its "GIL"), its pending-call queue, its
 * share count and its lifecycle.
 *
 * <p><b>Switching.</b> The interpreter a thread is in is a {@link ScopedValue} stack of {@link
 * Frame}s. Entering another domain gives back the lock of the current one first (after draining
 * its pending calls), takes the target's, and undoes both on the way out, so a thread never
 * <em>waits</em> for a lock while it holds another and switching cannot deadlock. The single
 * exception is {@link #runPending}, which may {@code tryLock} a second domain: it never waits,
 * so it cannot deadlock either.
 *
 * <p><b>Pending calls</b> (CPython's {@code Py_AddPendingCall}) are how other threads get work
 * done in this domain without blocking: the task goes on a JCTools MPSC queue and runs at once if
 * the lock is free; otherwise whoever holds the lock drains the queue before letting go of it.
 * After every unlock the queue is checked again, so no task is stranded (enqueue and unlock are
 * both sequentially consistent, so at least one side sees the other).
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

  /**
   * A frame of the per-thread interpreter stack.
   *
   * @param domain the domain this frame runs in
   * @param parent the frame the thread switched out of, or null
   */
  record Frame(Domain domain, Frame parent) {}

  Domain(long id, String name, boolean dedicatedThread, Runnable onEnter, Runnable onLeave) {
    this.id = id;
    this.name = name;
    this.onEnter = onEnter;
    this.onLeave = onLeave;
    this.dedicated = dedicatedThread ? new DedicatedThread(this) : null;
  }

  /** Binds the public handle; called once by {@link Interpreter}'s constructor. */
  public void bind(Interpreter api) {
    this.api = api;
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
    return f == null ? Domains.main() : f.domain;
  }

  /** Whether the calling thread has this domain anywhere on its interpreter stack. */
  public boolean isOnCurrentStack() {
    for (Frame f = frame(); f != null; f = f.parent) {
      if (f.domain == this) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- calls

  /**
   * Runs {@code task} inside this domain on the calling thread (or on the dedicated thread) and
   * returns its result; exceptions propagate unchanged.
   */
  public <T> T call(Callable<T> task) throws Exception {
    Objects.requireNonNull(task, "task");
    Frame from = frame();
    if (from != null && from.domain == this) {
      return task.call();
    }
    if (dedicated != null && !dedicated.isCurrentThread()) {
      return dedicated.callAndWait(task);
    }
    return switchInto(from, task);
  }

  /** Like {@link #call} for tasks that throw no checked exception. */
  public void run(Runnable task) {
    Objects.requireNonNull(task, "task");
    try {
      call(
          () -> {
            task.run();
            return null;
          });
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterpreterClosedException(
          "interrupted while waiting for interpreter " + this + " to run the task", e);
    } catch (Exception e) {
      throw new IllegalStateException("unexpected checked exception from a Runnable", e);
    }
  }

  /** Runs {@code task} on a thread inside this domain. */
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

  <T> T switchInto(Frame from, Callable<T> task) throws Exception {
    enterCount();
    try {
      if (from != null) {
        from.domain.leaveLock();
      }
      try {
        enterLock();
        try {
          return ScopedValue.where(FRAME, new Frame(this, from)).call(runAndDrain(task));
        } finally {
          leaveLock();
        }
      } finally {
        if (from != null) {
          from.domain.enterLock();
        }
      }
    } finally {
      exitCount();
    }
  }

  private <T> CallableOp<T, Exception> runAndDrain(Callable<T> task) {
    return () -> {
      try {
        return task.call();
      } finally {
        drainHeld();
      }
    };
  }

  // ---------------------------------------------------------------- the lock

  private void enterLock() {
    lock.lock();
    try {
      if (onEnter != null) {
        onEnter.run();
      }
    } catch (RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
  }

  private void leaveLock() {
    try {
      drainHeld();
      if (onLeave != null) {
        onLeave.run();
      }
    } finally {
      lock.unlock();
    }
    drainIfIdle();
  }

  /**
   * Gives back the calling thread's interpreter lock for the duration of {@code wait}, as a
   * blocking call releases the GIL, and takes it back afterwards. Channels and dedicated-thread
   * calls wait through this, so that a waiting thread never blocks its own interpreter.
   */
  public static <T, X extends Throwable> T blocking(CallableOp<T, X> wait) throws X {
    Frame f = frame();
    if (f == null || !f.domain.lock.isHeldByCurrentThread()) {
      return wait.call();
    }
    Domain d = f.domain;
    d.leaveLock();
    try {
      return wait.call();
    } finally {
      d.enterLock();
    }
  }

  // ---------------------------------------------------------------- pending calls

  /**
   * Runs {@code task} inside this domain without blocking the caller: at once when the calling
   * thread is inside already or the lock is free, otherwise by the thread that holds the lock,
   * before it lets go (or, for a dedicated-thread domain, on its thread). Also works after close,
   * so that shares of a closed interpreter are still released.
   */
  public void runPending(Runnable task) {
    if (dedicated != null && dedicated.tryExecute(() -> runHere(task))) {
      return;
    }
    Frame f = frame();
    if (f != null && f.domain == this && lock.isHeldByCurrentThread()) {
      runSafely(task);
      return;
    }
    pending.offer(task);
    drainIfIdle();
  }

  private void runHere(Runnable task) {
    lock.lock();
    try {
      ScopedValue.where(FRAME, new Frame(this, frame()))
          .run(
              () -> {
                runSafely(task);
                drainHeld();
              });
    } finally {
      lock.unlock();
    }
    drainIfIdle();
  }

  private void drainIfIdle() {
    while (!pending.isEmpty() && lock.tryLock()) {
      try {
        ScopedValue.where(FRAME, new Frame(this, frame())).run(this::drainHeld);
      } finally {
        lock.unlock();
      }
    }
  }

  private void drainHeld() {
    Runnable r;
    while ((r = pending.poll()) != null) {
      runSafely(r);
    }
  }

  private void runSafely(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      Thread me = Thread.currentThread();
      me.getUncaughtExceptionHandler().uncaughtException(me, t);
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

  /** Whether a thread has this domain on its stack right now. */
  public boolean isRunning() {
    return (state.get() & COUNT_MASK) != 0;
  }

  /** Whether {@link #close} has begun. */
  public boolean isClosed() {
    return (state.get() & CLOSING) != 0;
  }

  /**
   * Closes: refuses new entries, waits (without holding any interpreter lock) until the threads
   * inside have left, runs the pending calls, and tells the close listeners.
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
    if ((s & COUNT_MASK) == 0) {
      drained.complete(null);
    }
    blocking(drained::join);
    try {
      lock.lock();
      try {
        drainHeld();
      } finally {
        lock.unlock();
      }
      if (dedicated != null) {
        dedicated.shutdown();
      }
      Domains.closed(this);
    } finally {
      closed.complete(null);
    }
  }

  @Override
  public String toString() {
    return "#" + id + " (" + name + ")";
  }

  // ---------------------------------------------------------------- dedicated thread

  /** The thread of a dedicated-thread domain, with the calls waiting for it. */
  private static final class DedicatedThread {
    private final Domain domain;
    private final ExecutorService executor;
    private volatile Thread thread;

    DedicatedThread(Domain domain) {
      this.domain = domain;
      this.executor =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t =
                    Thread.ofPlatform()
                        .daemon(true)
                        .name("crossinterp-" + domain.name)
                        .unstarted(r);
                thread = t;
                return t;
              });
    }

    boolean isCurrentThread() {
      return Thread.currentThread() == thread;
    }

    <T> T callAndWait(Callable<T> task) throws Exception {
      domain.checkOpen();
      CompletableFuture<T> result = new CompletableFuture<>();
      execute(
          () -> {
            try {
              result.complete(domain.switchInto(null, task));
            } catch (Throwable t) {
              result.completeExceptionally(t);
            }
          },
          result);
      try {
        return blocking(result::get);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
          throw ex;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }

    void execute(Runnable body, CompletableFuture<?> result) {
      try {
        executor.execute(body);
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(domain.closedException());
      }
    }

    boolean tryExecute(Runnable body) {
      if (isCurrentThread()) {
        return false;
      }
      try {
        executor.execute(body);
        return true;
      } catch (RejectedExecutionException e) {
        return false;
      }
    }

    void shutdown() {
      executor.shutdown();
    }
  }
}
