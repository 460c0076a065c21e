package org.crossinterp.internal.interp;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one platform thread of a dedicated-thread {@link Domain} (for thread-affine resources):
 * every task of that domain, and its pending calls, run on it, one after the other, from its own
 * task queue.
 *
 * <p>A caller waits for its task through {@link Domain#blocking}, so it gives back its own
 * interpreter's lock while it waits; a task that calls back into the caller's interpreter
 * therefore finds that lock free and cannot deadlock. When the caller is itself a dedicated
 * thread, waiting is not enough: the callback is queued for that very thread. So a dedicated
 * thread that waits for another interpreter keeps running the tasks queued for its own (as a
 * GUI event loop pumps events during a modal wait), and a chain of callbacks between dedicated
 * interpreters cannot deadlock.
 */
final class DedicatedThread {
  /** The dedicated thread the calling thread is, if any. */
  private static final ThreadLocal<DedicatedThread> SELF = new ThreadLocal<>();
  private static final Runnable WAKE = () -> {};
  private static final Runnable STOP = () -> {};

  private final Domain domain;
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean stopping;

  DedicatedThread(Domain domain, String name) {
    this.domain = domain;
    this.thread = Thread.ofPlatform().daemon(true).name("crossinterp-" + name).start(this::loop);
  }

  private void loop() {
    SELF.set(this);
    try {
      for (; ; ) {
        Runnable r = tasks.take();
        if (r == STOP) {
          return;
        }
        runSafely(r);
      }
    } catch (InterruptedException e) {
      // the thread is only interrupted by accident; its tasks are abandoned with the domain
    } finally {
      terminated.complete(null);
    }
  }

  private static void runSafely(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      Thread me = Thread.currentThread();
      me.getUncaughtExceptionHandler().uncaughtException(me, t);
    }
  }

  /** Whether the calling thread is this domain's thread. */
  boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  private boolean offer(Runnable r) {
    if (stopping) {
      return false;
    }
    tasks.add(r);
    return true;
  }

  /**
   * Runs {@code task} on the dedicated thread and waits for it, uninterruptibly (as taking an
   * interpreter lock is: same semantics as a call into any interpreter; the interrupt flag is
   * kept), without holding the caller's interpreter lock.
   *
   * @param caller the caller's frame, linked from the task's first frame
   */
  <T> T callAndWait(Callable<T> task, Frame caller) throws Exception {
    domain.checkOpen();
    CompletableFuture<Outcome<T>> done = new CompletableFuture<>();
    if (!offer(() -> done.complete(Outcome.of(() -> domain.switchInto(null, caller, task))))) {
      throw domain.closedException();
    }
    DedicatedThread self = SELF.get();
    if (self == null) {
      return Domain.blocking(done::join).get();
    }
    // a dedicated thread waiting: serve its own queue meanwhile, so callbacks into it can run
    done.whenComplete((r, t) -> self.tasks.add(WAKE));
    return Domain.blocking(() -> self.serveUntil(done)).get();
  }

  private <T> T serveUntil(CompletableFuture<T> done) {
    boolean interrupted = false;
    while (!done.isDone()) {
      try {
        Runnable r = tasks.take();
        if (r == STOP) {
          tasks.add(STOP); // keep it for the loop, after this wait
          break;
        }
        runSafely(r);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return done.join();
  }

  /** Runs {@code body} on the dedicated thread; fails {@code result} if the domain closed. */
  void execute(Runnable body, CompletableFuture<?> result) {
    if (!offer(body)) {
      result.completeExceptionally(domain.closedException());
    }
  }

  /**
   * Asks the dedicated thread to run the domain's pending calls.
   *
   * @return false if the caller must drain them itself: it is the dedicated thread, or the
   *     thread has stopped (the domain is closed)
   */
  boolean wake() {
    return !isCurrentThread() && offer(domain::drainIfIdle);
  }

  /**
   * Runs the pending calls one last time on the dedicated thread, lets the tasks already queued
   * finish (they fail with {@code InterpreterClosedException}, the domain being closed) and waits
   * for the thread to end.
   */
  void shutdown() {
    if (stopping) {
      if (!isCurrentThread()) {
        terminated.join();
      }
      return;
    }
    tasks.add(domain::drainIfIdle);
    stopping = true;
    tasks.add(STOP);
    if (isCurrentThread()) {
      return; // cannot wait for itself; the thread ends after this task
    }
    boolean interrupted = false;
    while (!terminated.isDone()) {
      try {
        terminated.get();
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (java.util.concurrent.ExecutionException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
