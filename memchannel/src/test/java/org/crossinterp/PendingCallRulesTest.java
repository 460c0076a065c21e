package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.RulesTestSupport.await;
import static org.crossinterp.RulesTestSupport.awaitBlocked;
import static org.crossinterp.RulesTestSupport.awaitParked;
import static org.crossinterp.RulesTestSupport.awaitState;
import static org.crossinterp.RulesTestSupport.closing;
import static org.crossinterp.RulesTestSupport.stackOf;
import static org.crossinterp.RulesTestSupport.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.crossinterp.RulesTestSupport.UserExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.memchannel.SharedBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pending-call rules (DESIGN.md section 1): a waiting dedicated thread keeps running its
 * pending calls; a drain counts as a thread inside; no thread ever holds two interpreter locks,
 * not even for a drain.
 */
class PendingCallRulesTest {

  private static Interpreter interpreter(String name, boolean dedicated) {
    return Interpreter.builder().name(name).dedicatedThread(dedicated).build();
  }

  // ---- a waiting dedicated thread runs its pending calls

  /**
   * A task sends a SharedBuffer, asks to be told when every share is released and waits in a
   * channel for that news; the hook is a pending call of the task's own interpreter.
   */
  @ParameterizedTest(name = "dedicated={0}")
  @ValueSource(booleans = {true, false})
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWaitingInterpreterRunsTheReleaseHooksOfWhatItSent(boolean dedicated) throws Exception {
    Interpreter d = interpreter("hook-owner", dedicated);
    try (AutoCloseable c = closing(d)) {
      MemChannel out = MemChannel.create();
      MemChannel done = MemChannel.create();
      CountDownLatch waiting = new CountDownLatch(1);
      AtomicReference<Thread> taskThread = new AtomicReference<>();
      CompletableFuture<Byte> task =
          d.submit(
              () -> {
                taskThread.set(Thread.currentThread());
                SharedBuffer buffer = SharedBuffer.allocate(16);
                out.send(buffer);
                buffer.onAllSharesReleased(() -> done.trySend(new byte[] {1}));
                waiting.countDown();
                try (CrossInterpreterView news = done.recv()) {
                  return news.toByteArray()[0];
                } finally {
                  buffer.close();
                }
              });
      CrossInterpreterView view = out.recv();
      waiting.await();
      awaitParked(taskThread.get()); // in done.recv()
      within("another thread releasing the view", () -> {
        view.release();
        return null;
      });
      assertEquals(
          (byte) 1,
          await(task, "the task waiting for its onAllSharesReleased hook (in " + d + ")"));
      assertNoLeaks(d);
    }
  }

  /** As above with a user BufferExporter whose releaseExport (a pending call) sends the news. */
  @ParameterizedTest(name = "dedicated={0}")
  @ValueSource(booleans = {true, false})
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aWaitingInterpreterRunsTheReleaseExportOfWhatItSent(boolean dedicated) throws Exception {
    Interpreter d = interpreter("exporter-owner", dedicated);
    try (AutoCloseable c = closing(d)) {
      MemChannel out = MemChannel.create();
      MemChannel done = MemChannel.create();
      List<Interpreter> releasedIn = Collections.synchronizedList(new ArrayList<>());
      UserExporter exporter =
          new UserExporter(
              () -> {
                releasedIn.add(Interpreter.current());
                done.trySend(new byte[] {2});
              });
      CountDownLatch waiting = new CountDownLatch(1);
      AtomicReference<Thread> taskThread = new AtomicReference<>();
      CompletableFuture<Byte> task =
          d.submit(
              () -> {
                taskThread.set(Thread.currentThread());
                out.send(exporter);
                waiting.countDown();
                try (CrossInterpreterView news = done.recv()) {
                  return news.toByteArray()[0];
                }
              });
      CrossInterpreterView view = out.recv();
      waiting.await();
      awaitParked(taskThread.get());
      within("another thread releasing the view", () -> {
        view.release();
        return null;
      });
      assertEquals((byte) 2, await(task, "the task waiting for its releaseExport (in " + d + ")"));
      assertEquals(List.of(d), releasedIn, "releaseExport ran outside its origin");
      assertNoLeaks(d);
    }
  }

  // ---- a drain counts as a thread inside

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRunningDrainCountsAsAThreadInside() throws Exception {
    Interpreter a = Interpreter.create("drained");
    CountDownLatch inRelease = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    AtomicBoolean runningSeenInside = new AtomicBoolean();
    UserExporter exporter =
        new UserExporter(
            () -> {
              runningSeenInside.set(a.isRunning());
              inRelease.countDown();
              try {
                proceed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try (AutoCloseable c = closing(a)) {
      MemChannel ch = MemChannel.create();
      a.run(() -> ch.trySend(exporter));
      CrossInterpreterView view = ch.recv();
      Thread releaser = Thread.ofPlatform().daemon(true).start(view::release);
      try {
        inRelease.await();
        assertTrue(runningSeenInside.get(), "isRunning() was false inside releaseExport");
        assertTrue(a.isRunning(), "isRunning() is false while releaseExport runs in " + a);
      } finally {
        proceed.countDown();
      }
      assertTrue(releaser.join(RulesTestSupport.BOUND));
      assertEquals(1, exporter.releases.get());
      assertNoLeaks(a);
    }
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void closeWaitsForARunningDrain() throws Exception {
    Interpreter a = Interpreter.create("closed-while-draining");
    CountDownLatch inRelease = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    AtomicBoolean releaseFinished = new AtomicBoolean();
    UserExporter exporter =
        new UserExporter(
            () -> {
              inRelease.countDown();
              try {
                proceed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              releaseFinished.set(true);
            });
    MemChannel ch = MemChannel.create();
    a.run(() -> ch.trySend(exporter));
    CrossInterpreterView view = ch.recv();
    Thread releaser = Thread.ofPlatform().daemon(true).start(view::release);
    AtomicBoolean finishedWhenCloseReturned = new AtomicBoolean();
    Thread closer;
    try {
      inRelease.await();
      closer =
          Thread.ofPlatform()
              .daemon(true)
              .start(
                  () -> {
                    a.close();
                    finishedWhenCloseReturned.set(releaseFinished.get());
                  });
      awaitState(
          () -> "the closer neither returned nor waited: " + closer.getState(),
          () -> {
            Thread.State s = closer.getState();
            return s == Thread.State.TERMINATED
                || s == Thread.State.WAITING
                || s == Thread.State.TIMED_WAITING;
          });
      assertTrue(
          closer.isAlive(),
          "close() returned while releaseExport was still running in " + a);
      assertTrue(a.isClosed());
    } finally {
      proceed.countDown();
    }
    assertTrue(closer.join(RulesTestSupport.BOUND), () -> "close() hangs\n" + stackOf(closer));
    assertTrue(releaser.join(RulesTestSupport.BOUND));
    assertTrue(finishedWhenCloseReturned.get(), "close() returned before releaseExport ended");
    assertNoLeaks(a);
  }

  // ---- no thread holds two interpreter locks

  /**
   * T1, inside a, releases a view exported by b, whose releaseExport takes a user lock L that T2
   * holds while it calls into a. If T1 kept a's lock during b's drain, T2 and T1 would deadlock.
   */
  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void noThreadHoldsTwoInterpreterLocksEvenForADrain() throws Exception {
    Interpreter a = Interpreter.create("releaser-home");
    Interpreter b = Interpreter.create("exporter-home");
    Object userLock = new Object();
    try (AutoCloseable c = closing(a, b)) {
      UserExporter exporter =
          new UserExporter(
              () -> {
                synchronized (userLock) {
                  userLock.notifyAll();
                }
              });
      MemChannel ch = MemChannel.create();
      b.run(() -> ch.trySend(exporter));
      CrossInterpreterView view = ch.recv();

      CountDownLatch lockTaken = new CountDownLatch(1);
      CountDownLatch callIntoA = new CountDownLatch(1);
      CompletableFuture<Interpreter> t2 = new CompletableFuture<>();
      Thread.ofPlatform()
          .daemon(true)
          .name("T2 holds L, calls a")
          .start(
              () -> {
                try {
                  synchronized (userLock) {
                    lockTaken.countDown();
                    callIntoA.await();
                    t2.complete(a.call(Interpreter::current));
                  }
                } catch (Throwable e) {
                  t2.completeExceptionally(e);
                }
              });
      lockTaken.await();
      CompletableFuture<Void> t1 = new CompletableFuture<>();
      Thread releaser =
          Thread.ofPlatform()
              .daemon(true)
              .name("T1 in a releases b's view")
              .start(
                  () -> {
                    try {
                      a.run(view::release);
                      t1.complete(null);
                    } catch (Throwable e) {
                      t1.completeExceptionally(e);
                    }
                  });
      awaitBlocked(releaser); // in b's releaseExport, waiting for L
      callIntoA.countDown();
      try {
        assertEquals(a, await(t2, "T2's call into a (T1 waits for L in b's drain)"));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + stackOf(releaser), e);
      }
      await(t1, "T1's release");
      assertEquals(1, exporter.releases.get());
      assertNoLeaks(a, b);
    }
  }

  /**
   * onEnter runs after the lock is taken and onLeave before it is given back: a thread between
   * enter(x) and leave(x) holds x's lock, so no thread may be entered in two interpreters at once,
   * not even while it runs another interpreter's pending calls.
   */
  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void noThreadIsEnteredInTwoInterpretersAtOnceDuringADrain() throws Exception {
    Map<Thread, List<String>> inside = new ConcurrentHashMap<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    Interpreter a = tracked("a", inside, violations);
    Interpreter b = tracked("b", inside, violations);
    try (AutoCloseable c = closing(a, b)) {
      UserExporter exporter = new UserExporter();
      MemChannel ch = MemChannel.create();
      b.run(() -> ch.trySend(exporter));
      CrossInterpreterView view = ch.recv();
      within("a release of b's view from inside a", () -> {
        a.run(view::release);
        return null;
      });
      assertEquals(1, exporter.releases.get());
      assertEquals(List.of(), violations);
      assertNoLeaks(a, b);
    }
  }

  private static Interpreter tracked(
      String name, Map<Thread, List<String>> inside, List<String> violations) {
    return Interpreter.builder()
        .name(name)
        .onEnter(
            () -> {
              List<String> mine =
                  inside.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>());
              if (!mine.isEmpty()) {
                violations.add(
                    Thread.currentThread().getName() + " entered " + name + " while in " + mine);
              }
              mine.add(name);
            })
        .onLeave(
            () -> {
              List<String> mine =
                  inside.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>());
              mine.remove(name);
            })
        .build();
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aReleaseInsideAnotherInterpreterRunsTheExportersCodeInItsOrigin() throws Exception {
    // the uncontended counterpart of the test above
    Interpreter a = Interpreter.create("a");
    Interpreter b = Interpreter.create("b");
    try (AutoCloseable c = closing(a, b)) {
      List<Interpreter> where = Collections.synchronizedList(new ArrayList<>());
      UserExporter exporter = new UserExporter(() -> where.add(Interpreter.current()));
      MemChannel ch = MemChannel.create();
      b.run(() -> ch.trySend(exporter));
      CrossInterpreterView view = ch.recv();
      within("release", () -> {
        a.run(view::release);
        return null;
      });
      assertEquals(List.of(b), where);
      assertFalse(a.isRunning());
      assertNoLeaks(a, b);
    }
  }
}
