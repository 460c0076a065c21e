package org.crossinterp.internal.interp;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What an {@link EventLoop} runs: a call some thread waits for, a submit, or a drain of the
 * pending calls. Every task accepted by the loop ends exactly once, by {@link #run} or by
 * {@link #abandon}, so no waiter is ever left without an answer.
 */
abstract class LoopTask {
  /** Runs the task on the loop thread; never throws. */
  abstract void run();

  /** Ends a task that will never run (its loop stopped); never throws. */
  abstract void abandon(Domain d);

  /** The task, as diagnostics name it. */
  abstract String describe();

  /**
   * Whether the task ran but could not yet tell its waiter (a stack overflow cut it short
   * there, deep in a nested loop): the loop calls {@link #publish} again from a shallower stack.
   */
  boolean needsPublish() {
    return false;
  }

  /** Tells the waiter the outcome, once; resumable. */
  void publish() {}

  /** Next in the loop's list of tasks to publish again (loop thread only). */
  LoopTask nextUnpublished;

  /**
   * A {@code call} from another thread, which waits for it: the result or the very throwable
   * is handed back through plain fields (no allocation once run, so a stack overflow or an
   * out-of-memory error in the task still reaches the caller). Publication: {@link #done} is
   * written last (volatile), the waiter reads it first.
   */
  static final class Call<T> extends LoopTask implements BooleanSupplier {
    private final Domain domain;
    private final Callable<T> task;
    private final Frame caller;
    private final Thread waiter = Thread.currentThread();
    private T value;
    private Throwable failure;
    private volatile boolean done;

    Call(Domain domain, Callable<T> task, Frame caller) {
      this.domain = domain;
      this.task = task;
      this.caller = caller;
    }

    @Override
    void run() {
      try {
        value = Switch.into(domain, task, caller);
      } catch (Throwable t) {
        failure = t;
      } finally {
        done = true; // a field write: it cannot overflow the stack, so the waiter always learns
      }
      LockSupport.unpark(waiter); // may overflow at the stack's edge: the waiter polls too
    }

    @Override
    void abandon(Domain d) {
      failure = d.closedException();
      done = true;
      LockSupport.unpark(waiter);
    }

    boolean isDone() {
      return done;
    }

    /** Whether done: the waiter's condition. */
    @Override
    public boolean getAsBoolean() {
      return done;
    }

    /** The result, or the task's throwable unchanged; call after {@link #isDone}. */
    T result() throws Exception {
      if (failure != null) {
        throw Domain.sneaky(failure);
      }
      return value;
    }

    @Override
    String describe() {
      return String.valueOf(task);
    }
  }

  /** A {@code submit}: nobody waits on the loop for it; its future carries the outcome. */
  static final class Submit<T> extends LoopTask {
    private final Domain domain;
    private final Callable<T> task;
    private final InterpreterFuture<T> result;

    Submit(Domain domain, Callable<T> task, InterpreterFuture<T> result) {
      this.domain = domain;
      this.task = task;
      this.result = result;
    }

    private T value;
    private Throwable failure;
    private boolean ran;
    private boolean published;

    @Override
    void run() {
      try {
        value = Switch.into(domain, task, null);
      } catch (Throwable t) {
        failure = t;
      } finally {
        ran = true;
      }
      publish();
    }

    @Override
    boolean needsPublish() {
      return ran && !published;
    }

    @Override
    void publish() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
      published = true;
    }

    @Override
    void abandon(Domain d) {
      result.completeExceptionally(d.closedException());
    }

    @Override
    String describe() {
      return String.valueOf(task);
    }
  }

  /** Runs the domain's pending calls; one instance per loop, queued at most once at a time. */
  static final class Drain extends LoopTask {
    private final Domain domain;
    private final EventLoop loop;

    Drain(Domain domain, EventLoop loop) {
      this.domain = domain;
      this.loop = loop;
    }

    @Override
    void run() {
      loop.drainStarted();
      Switch.drainIfIdle(domain);
    }

    @Override
    void abandon(Domain d) {
      loop.drainStarted(); // the closing thread drains what is left
    }

    @Override
    String describe() {
      return "pending calls of " + domain;
    }
  }
}
