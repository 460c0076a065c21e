package org.crossinterp.internal.interp;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one platform thread of a dedicated-thread {@link Domain} (for thread-affine resources):
 * every task of that domain, and its pending calls, run on it, one after the other.
 *
 * <p>A caller waits for its task through {@link Domain#blocking}, so it gives back its own
 * interpreter's lock while it waits; a task that calls back into the caller's interpreter
 * therefore finds that lock free and cannot deadlock.
 */
final class DedicatedThread {
  private final Domain domain;
  private final ExecutorService executor;
  private volatile Thread thread;

  DedicatedThread(Domain domain, String name) {
    this.domain = domain;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = Thread.ofPlatform().daemon(true).name("crossinterp-" + name).unstarted(r);
              thread = t;
              return t;
            });
  }

  /** Whether the calling thread is this domain's thread. */
  boolean isCurrentThread() {
    Thread t = thread;
    return t != null && Thread.currentThread() == t;
  }

  /**
   * Runs {@code task} on the dedicated thread and waits for it, uninterruptibly (as taking an
   * interpreter lock is), without holding the caller's interpreter lock.
   *
   * @param caller the caller's frame, linked from the task's first frame
   */
  <T> T callAndWait(Callable<T> task, Frame caller) throws Exception {
    domain.checkOpen();
    CompletableFuture<Outcome<T>> done = new CompletableFuture<>();
    try {
      executor.execute(() -> done.complete(Outcome.of(() -> domain.switchInto(null, caller, task))));
    } catch (RejectedExecutionException e) {
      throw domain.closedException();
    }
    return Domain.blocking(done::join).get();
  }

  /** Runs {@code body} on the dedicated thread; fails {@code result} if the domain closed. */
  void execute(Runnable body, CompletableFuture<?> result) {
    try {
      executor.execute(body);
    } catch (RejectedExecutionException e) {
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
    if (isCurrentThread()) {
      return false;
    }
    try {
      executor.execute(domain::drainIfIdle);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Runs the pending calls one last time on the dedicated thread, lets the tasks already queued
   * finish (they fail with {@code InterpreterClosedException}, the domain being closed) and waits
   * for the thread to end.
   */
  void shutdown() {
    try {
      executor.execute(domain::drainIfIdle);
    } catch (RejectedExecutionException e) {
      // already shut down
    }
    executor.shutdown();
    if (isCurrentThread()) {
      return; // cannot wait for itself; the thread ends after this task
    }
    boolean interrupted = false;
    while (!executor.isTerminated()) {
      try {
        executor.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
