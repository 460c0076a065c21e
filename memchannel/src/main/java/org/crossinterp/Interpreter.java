package org.crossinterp;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.crossinterp.internal.interp.Domain;
import org.crossinterp.internal.interp.Domains;

/**
 * An isolated interpreter (PEP 554): a domain in which at most one thread runs at a time, and
 * from which objects cross to other interpreters only through channels and proxies that track
 * who owns what.
 *
 * <h2>Switching</h2>
 * Each interpreter has its own lock, its "GIL". {@link #call} gives back the lock of the
 * interpreter the thread is in (if it holds one), takes the target's, sets {@link #current()},
 * runs the task, and undoes both in reverse order. A thread never waits for one interpreter lock
 * while holding another, so switching cannot deadlock. Re-entering the interpreter the thread is
 * already in just runs the task. Waiting (in a channel, or for a dedicated thread) gives back
 * the lock for the time it waits, as a blocking call releases the GIL.
 *
 * <p>Threads that never called {@code call} are "in" {@link #main()} without holding its lock;
 * objects they create are owned by main. {@code main().call(task)} takes main's lock like any
 * other interpreter's.
 *
 * <p>A <em>dedicated-thread</em> interpreter ({@link Builder#dedicatedThread}) runs every task on
 * its own platform thread; the caller waits for it, and waiting counts as leaving, so a task
 * that calls back into the caller's interpreter finds it free.
 *
 * <h2>Memory effects</h2>
 * Everything a task does inside an interpreter happens-before whatever the next task that enters
 * the same interpreter does (the lock gives the edge), and before {@code call} returns to its
 * caller.
 *
 * <h2>Pending calls</h2>
 * Work another thread needs done here without blocking (above all the release of a share this
 * interpreter exported) runs at once when the lock is free, or otherwise by the thread holding
 * the lock before it lets go (in a dedicated-thread interpreter: on its thread, as soon as it is
 * free). {@link #liveShares()} counts the shares other interpreters still hold; it reads 0 once
 * everything sent out of this interpreter was released.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} refuses new calls, waits for the threads inside to leave and removes the
 * interpreter from {@link #listAll()}. Buffers it exported stay readable until their views are
 * released; their release still runs here.
 *
 * <p>Interpreters are registered process-wide until closed: close the ones you create.
 */
public final class Interpreter implements AutoCloseable {
  private static final Interpreter MAIN = new Interpreter(Domains.main());

  private final Domain domain;

  private Interpreter(Domain domain) {
    this.domain = domain;
    domain.bind(this);
  }

  /**
   * Creates a new interpreter named {@code interp-<id>}. Any thread may call this and enter the
   * interpreter.
   *
   * @return the interpreter, open and listed by {@link #listAll()}
   */
  public static Interpreter create() {
    return builder().build();
  }

  /**
   * Creates a new interpreter. Any thread may enter it.
   *
   * @param name a name for messages and thread names; not null
   * @return the interpreter, open and listed by {@link #listAll()}
   * @throws NullPointerException if {@code name} is null
   */
  public static Interpreter create(String name) {
    return builder().name(name).build();
  }

  /**
   * A builder for interpreters with a dedicated thread or enter/leave hooks.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(null, false, null, null);
  }

  /**
   * The main interpreter: id 0, always open, the same object each time. Threads that never
   * entered an interpreter are in it.
   *
   * @return the main interpreter
   */
  public static Interpreter main() {
    return MAIN;
  }

  /**
   * The interpreter the calling thread is inside (the innermost of nested calls); {@link
   * #main()} if none. Any thread may call it.
   *
   * @return the current interpreter
   */
  public static Interpreter current() {
    return Domain.current().interpreter();
  }

  /**
   * The open interpreters, main first, in creation order; the same objects each time. An
   * interpreter leaves the list when its {@link #close()} returns.
   *
   * @return an immutable snapshot
   */
  public static List<Interpreter> listAll() {
    return Domains.open().stream().map(Domain::interpreter).toList();
  }

  /**
   * The process-wide id: sequential, never reused; main's is 0.
   *
   * @return the id
   */
  public long id() {
    return domain.id();
  }

  /**
   * The name given at creation, or {@code interp-<id>}.
   *
   * @return the name
   */
  public String name() {
    return domain.name();
  }

  /**
   * Runs {@code task} inside this interpreter on the calling thread (on the dedicated thread
   * for a dedicated-thread interpreter, while the caller waits, uninterruptibly, without holding
   * its own interpreter's lock) and returns its result. May be called from any thread, in any
   * interpreter; calling the interpreter the thread is already in just runs the task. While the
   * task runs, {@link #current()} is this interpreter and the caller's interpreter is free for
   * other threads.
   *
   * @param task the task; not null
   * @param <T> the result type
   * @return what the task returned
   * @throws InterpreterClosedException if this interpreter is closed
   * @throws Exception whatever the task threw, the same instance
   * @throws NullPointerException if {@code task} is null
   */
  public <T> T call(Callable<T> task) throws Exception {
    return domain.call(task);
  }

  /**
   * Runs {@code task} inside this interpreter, as {@link #call}; whatever it throws propagates
   * unchanged.
   *
   * @param task the task; not null
   * @throws InterpreterClosedException if this interpreter is closed
   * @throws NullPointerException if {@code task} is null
   */
  public void run(Runnable task) {
    domain.run(task);
  }

  /**
   * Runs {@code task} on another thread inside this interpreter (a virtual thread, or the
   * dedicated thread) and returns at once. Any thread may call it.
   *
   * @param task the task; not null
   * @param <T> the result type
   * @return a future completed with the task's result or exception (an {@link
   *     InterpreterClosedException} if the interpreter closed before the task could enter)
   * @throws InterpreterClosedException if this interpreter is closed
   * @throws NullPointerException if {@code task} is null
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    return domain.submit(task);
  }

  /**
   * Whether a thread is inside this interpreter right now (running in it, or switched out of
   * it in a nested call that will come back). Always true for {@link #main()}, which every
   * thread outside a call is in (as in CPython, where the main interpreter is always running).
   * Any thread may call it; the answer may be stale as soon as it returns.
   *
   * @return true while running
   */
  public boolean isRunning() {
    return domain.isRunning();
  }

  /**
   * Whether {@link #close()} was called (true from the moment it began).
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return domain.isClosed();
  }

  /**
   * Closes the interpreter: new calls throw {@link InterpreterClosedException}; waits for the
   * threads inside (running in it, or switched out of it in a nested call) to leave, without
   * holding the caller's interpreter lock; runs its pending calls; stops its dedicated thread;
   * removes it from {@link #listAll()}. Idempotent; a second caller waits for the first to
   * finish. Any thread outside this interpreter may call it.
   *
   * @throws IllegalStateException for {@link #main()}, or from a thread running inside this
   *     interpreter (directly, in a nested call, or in a dedicated-thread task it waits for);
   *     nothing changes then
   */
  @Override
  public void close() {
    domain.close();
  }

  /**
   * The strong references other interpreters still hold into this one: one per buffer export
   * until its last view is released, one per (object, receiving interpreter) pair held by
   * proxies, and one per item in flight in a channel.
   *
   * @return the count; 0 once everything sent out of this interpreter was released
   */
  public long liveShares() {
    return domain.liveShares();
  }

  @Override
  public String toString() {
    return "Interpreter" + domain + (isClosed() ? " closed" : "");
  }

  /**
   * An immutable builder of interpreters; each method returns a new builder.
   *
   * <p>{@code Interpreter.builder().name("js").dedicatedThread(true).onEnter(ctx::enter)
   * .onLeave(ctx::leave).build()}
   */
  public static final class Builder {
    private final String name;
    private final boolean dedicatedThread;
    private final Runnable onEnter;
    private final Runnable onLeave;

    private Builder(String name, boolean dedicatedThread, Runnable onEnter, Runnable onLeave) {
      this.name = name;
      this.dedicatedThread = dedicatedThread;
      this.onEnter = onEnter;
      this.onLeave = onLeave;
    }

    /**
     * The interpreter's name.
     *
     * @param name not null
     * @return a builder with this name
     */
    public Builder name(String name) {
      return new Builder(Objects.requireNonNull(name, "name"), dedicatedThread, onEnter, onLeave);
    }

    /**
     * Whether every call runs on the interpreter's own thread, for thread-affine resources.
     * Callers wait for it without holding their own interpreter lock.
     *
     * @param dedicated true for a dedicated thread
     * @return a builder with this setting
     */
    public Builder dedicatedThread(boolean dedicated) {
      return new Builder(name, dedicated, onEnter, onLeave);
    }

    /**
     * A hook run each time a thread switches in, after it took the lock (for example to enter
     * a GraalVM polyglot context): on entering a call, on coming back from a nested call or a
     * blocking wait, and around pending calls. It pairs with {@link #onLeave} on the same
     * thread. If it throws on the way into a call, the call throws that exception and the task
     * does not run; elsewhere its failure goes to the thread's uncaught exception handler.
     *
     * @param hook not null
     * @return a builder with this hook
     */
    public Builder onEnter(Runnable hook) {
      return new Builder(name, dedicatedThread, Objects.requireNonNull(hook, "hook"), onLeave);
    }

    /**
     * A hook run each time a thread switches out, before it gives back the lock (after the
     * task, before a nested call or a blocking wait, after pending calls). Its failure goes to
     * the thread's uncaught exception handler and does not change the call's outcome.
     *
     * @param hook not null
     * @return a builder with this hook
     */
    public Builder onLeave(Runnable hook) {
      return new Builder(name, dedicatedThread, onEnter, Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Creates and registers the interpreter.
     *
     * @return a new open interpreter
     */
    public Interpreter build() {
      return new Interpreter(Domains.create(name, dedicatedThread, onEnter, onLeave));
    }
  }
}
