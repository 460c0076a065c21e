package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.InterpreterTestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Creation, identity, listing and closing of interpreters (CPython's test_interpreters:
 * TestInterpreterAttrs, TestInterpreterClose, TestInterpreterIsRunning, ListAllTests).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterpreterLifecycleTest {

  private static List<Interpreter> listedAmong(List<Interpreter> mine) {
    return Interpreter.listAll().stream().filter(i -> mine.stream().anyMatch(m -> m == i)).toList();
  }

  // ------------------------------------------------------------------ creation

  @Test
  void createMakesAnOpenIdleListedInterpreterWithAGeneratedName() {
    try (Interpreter a = Interpreter.create()) {
      assertFalse(a.isClosed());
      assertFalse(a.isRunning());
      assertEquals("interp-" + a.id(), a.name());
      assertTrue(Interpreter.listAll().contains(a));
      assertNotSame(Interpreter.main(), a);
      assertNoLeaks(a);
    }
  }

  @Test
  void createWithNameAndBuilderKeepTheName() {
    try (Interpreter a = Interpreter.create("alpha");
        Interpreter b = Interpreter.builder().name("beta").build()) {
      assertEquals("alpha", a.name());
      assertEquals("beta", b.name());
      assertTrue(a.toString().contains("alpha") && a.toString().contains("#" + a.id()));
      assertNoLeaks(a, b);
    }
  }

  @Test
  void namesNeedNotBeUnique() {
    try (Interpreter a = Interpreter.create("same");
        Interpreter b = Interpreter.create("same")) {
      assertNotEquals(a.id(), b.id());
      assertNotEquals(a, b);
    }
  }

  @Test
  void builderIsImmutableAndReusable() {
    Interpreter.Builder base = Interpreter.builder();
    Interpreter.Builder named = base.name("named");
    assertNotSame(base, named);
    try (Interpreter a = base.build();
        Interpreter b = named.build();
        Interpreter c = named.build()) {
      assertEquals("interp-" + a.id(), a.name(), "naming a derived builder changed the base");
      assertEquals("named", b.name());
      assertEquals("named", c.name());
      assertNotSame(b, c);
    }
  }

  @Test
  void nullArgumentsAreRefusedWithoutCreatingAnything() {
    List<Interpreter> before = Interpreter.listAll();
    assertThrows(NullPointerException.class, () -> Interpreter.create(null));
    assertThrows(NullPointerException.class, () -> Interpreter.builder().name(null));
    assertThrows(NullPointerException.class, () -> Interpreter.builder().onEnter(null));
    assertThrows(NullPointerException.class, () -> Interpreter.builder().onLeave(null));
    assertEquals(before, Interpreter.listAll());
  }

  // ------------------------------------------------------------------ main, ids, listAll

  @Test
  void mainIsAlwaysRunning() throws Exception {
    assertTrue(Interpreter.main().isRunning());
    try (Interpreter a = Interpreter.create()) {
      assertTrue(a.call(() -> Interpreter.main().isRunning()));
    }
  }

  @Test
  void interpretersCreatedInsideAnInterpreterAreOrdinary() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Interpreter inner = a.call(Interpreter::create);
      try (inner) {
        assertTrue(inner.id() > a.id());
        assertTrue(Interpreter.listAll().contains(inner));
        assertSame(inner, a.call(() -> inner.call(Interpreter::current)));
      }
      assertTrue(inner.isClosed());
      assertFalse(Interpreter.listAll().contains(inner));
    }
  }

  @Test
  void mainIsIdZeroOpenFirstInTheListAndAlwaysTheSameObject() {
    Interpreter main = Interpreter.main();
    assertSame(main, Interpreter.main());
    assertEquals(0, main.id());
    assertEquals("main", main.name());
    assertFalse(main.isClosed());
    assertSame(main, Interpreter.listAll().getFirst());
    assertSame(main, Interpreter.current());
  }

  @Test
  void idsAreSequentialAndNeverReused() {
    long first;
    long second;
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      first = a.id();
      second = b.id();
      assertTrue(first > 0);
      assertEquals(first + 1, second);
    }
    try (Interpreter c = Interpreter.create()) {
      assertEquals(second + 1, c.id(), "an id was reused or skipped after close");
    }
  }

  @Test
  void listAllIsInCreationOrderAndReturnsTheSameObjectsEachTime() {
    try (Interpreter a = Interpreter.create("a");
        Interpreter b = Interpreter.create("b");
        Interpreter c = Interpreter.create("c")) {
      List<Interpreter> mine = List.of(a, b, c);
      List<Interpreter> once = listedAmong(mine);
      List<Interpreter> twice = listedAmong(mine);
      assertEquals(3, once.size());
      for (int i = 0; i < 3; i++) {
        assertSame(mine.get(i), once.get(i));
        assertSame(mine.get(i), twice.get(i));
      }
      List<Interpreter> all = Interpreter.listAll();
      for (int i = 1; i < all.size(); i++) {
        assertTrue(all.get(i - 1).id() < all.get(i).id(), "listAll is not in creation order");
      }
      assertNoLeaks(a, b, c);
    }
  }

  @Test
  void listAllIsAnImmutableSnapshot() {
    List<Interpreter> snapshot = Interpreter.listAll();
    assertThrows(UnsupportedOperationException.class, () -> snapshot.add(Interpreter.main()));
    try (Interpreter a = Interpreter.create()) {
      assertFalse(snapshot.contains(a), "the snapshot changed after it was taken");
      assertTrue(Interpreter.listAll().contains(a));
    }
  }

  @Test
  void closedInterpretersLeaveListAllAndTheOthersKeepTheirOrder() {
    Interpreter b;
    try (Interpreter a = Interpreter.create();
        Interpreter b0 = Interpreter.create();
        Interpreter c = Interpreter.create()) {
      b = b0;
      a.run(b::close);
      assertEquals(List.of(a, c), listedAmong(List.of(a, b, c)));
      assertTrue(b.isClosed());
      assertFalse(a.isClosed());
      assertFalse(c.isClosed());
    }
  }

  // ------------------------------------------------------------------ isRunning

  @Test
  void isRunningDuringACallAndNotAfter() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      assertFalse(a.isRunning());
      assertTrue(a.call(a::isRunning));
      assertFalse(a.isRunning());
      assertNoLeaks(a);
    }
  }

  @Test
  void isRunningSeenFromAnotherThreadWhileAThreadIsInside() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Object> f =
          a.submit(
              () -> {
                inside.countDown();
                release.await();
                return null;
              });
      inside.await();
      assertTrue(a.isRunning());
      release.countDown();
      f.get();
      assertFalse(a.isRunning());
      assertNoLeaks(a);
    }
  }

  @Test
  void anInterpreterSwitchedOutOfInANestedCallIsStillRunning() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      boolean[] seen = a.call(() -> b.call(() -> new boolean[] {a.isRunning(), b.isRunning()}));
      assertTrue(seen[0]);
      assertTrue(seen[1]);
      assertNoLeaks(a, b);
    }
  }

  @Test
  void isRunningIsFalseAfterTheTaskFailed() {
    try (Interpreter a = Interpreter.create()) {
      assertThrows(
          IllegalStateException.class,
          () ->
              a.run(
                  () -> {
                    throw new IllegalStateException("boom");
                  }));
      assertFalse(a.isRunning());
    }
  }

  // ------------------------------------------------------------------ close

  @Test
  void closeIsIdempotent() {
    Interpreter a = Interpreter.create();
    a.close();
    a.close();
    assertTrue(a.isClosed());
    assertFalse(a.isRunning());
    assertFalse(Interpreter.listAll().contains(a));
  }

  @Test
  void closingMainThrowsAndChangesNothing() {
    int sizeBefore = Interpreter.listAll().size();
    IllegalStateException e = assertThrows(IllegalStateException.class, Interpreter.main()::close);
    assertTrue(e.getMessage().contains("main interpreter cannot be closed"), e.getMessage());
    assertTrue(e.getMessage().contains("close the interpreters you created"), e.getMessage());
    assertFalse(Interpreter.main().isClosed());
    assertSame(Interpreter.main(), Interpreter.listAll().getFirst());
    assertEquals(sizeBefore, Interpreter.listAll().size());
    Interpreter.main().run(() -> assertSame(Interpreter.main(), Interpreter.current()));
  }

  @Test
  void closingMainFromInsideAnInterpreterThrowsToo() {
    try (Interpreter a = Interpreter.create()) {
      assertThrows(IllegalStateException.class, () -> a.run(() -> Interpreter.main().close()));
      assertFalse(Interpreter.main().isClosed());
    }
  }

  @Test
  void closingFromInsideThrowsAndChangesNothing() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      IllegalStateException e =
          a.call(() -> assertThrows(IllegalStateException.class, a::close));
      assertTrue(e.getMessage().contains("from inside itself"), e.getMessage());
      assertTrue(e.getMessage().contains("close it from another interpreter"), e.getMessage());
      assertFalse(a.isClosed());
      assertTrue(Interpreter.listAll().contains(a));
      assertEquals(7, a.call(() -> 7));
      assertNoLeaks(a);
    }
  }

  @Test
  void closingFromANestedCallThrowsAndChangesNothing() throws Exception {
    try (Interpreter a = Interpreter.create();
        Interpreter b = Interpreter.create()) {
      a.run(() -> b.run(() -> assertThrows(IllegalStateException.class, a::close)));
      a.run(() -> b.run(() -> a.run(() -> assertThrows(IllegalStateException.class, b::close))));
      assertFalse(a.isClosed());
      assertFalse(b.isClosed());
      assertEquals(3, a.call(() -> b.call(() -> 3)));
      assertNoLeaks(a, b);
    }
  }

  @Test
  void closingAnotherInterpreterFromInsideOneWorks() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      Interpreter b = Interpreter.create();
      a.run(b::close);
      assertTrue(b.isClosed());
      assertFalse(Interpreter.listAll().contains(b));
      assertNoLeaks(a);
    }
  }

  @Test
  void callRunAndSubmitAfterCloseThrowInterpreterClosedException() {
    Interpreter a = Interpreter.create("gone");
    a.close();
    AtomicBoolean ran = new AtomicBoolean();
    InterpreterClosedException e =
        assertThrows(InterpreterClosedException.class, () -> a.call(() -> ran.getAndSet(true)));
    assertTrue(e.getMessage().contains("gone") && e.getMessage().contains("is closed"));
    assertTrue(e.getMessage().contains("create a new interpreter"), e.getMessage());
    assertThrows(InterpreterClosedException.class, () -> a.run(() -> ran.set(true)));
    assertThrows(InterpreterClosedException.class, () -> a.submit(() -> ran.getAndSet(true)));
    assertFalse(ran.get(), "a task ran in a closed interpreter");
    assertFalse(a.isRunning());
  }

  @Test
  void closeWaitsForTheThreadInsideAndRefusesNewCallsMeanwhile() throws Exception {
    Interpreter a = Interpreter.create();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean taskFinished = new AtomicBoolean();
    CompletableFuture<Object> task =
        a.submit(
            () -> {
              inside.countDown();
              release.await();
              taskFinished.set(true);
              return null;
            });
    inside.await();
    AtomicBoolean closeReturned = new AtomicBoolean();
    Thread closer =
        Thread.ofPlatform()
            .start(
                () -> {
                  a.close();
                  closeReturned.set(taskFinished.get());
                });
    awaitTrue(a::isClosed); // closing has begun
    assertThrows(InterpreterClosedException.class, () -> a.call(() -> 1));
    assertTrue(a.isRunning(), "the thread inside was not waited for");
    assertTrue(Interpreter.listAll().contains(a), "listed as gone before close returned");
    release.countDown();
    closer.join();
    assertTrue(closeReturned.get(), "close returned before the thread inside left");
    task.get();
    assertFalse(Interpreter.listAll().contains(a));
    assertNoLeaks(a);
  }

  @Test
  void closeWaitsForAThreadSwitchedOutInANestedCall() throws Exception {
    try (Interpreter b = Interpreter.create()) {
      Interpreter a = Interpreter.create();
      CountDownLatch inB = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger backInA = new AtomicInteger();
      CompletableFuture<Object> task =
          a.submit(
              () -> {
                b.call(
                    () -> {
                      inB.countDown();
                      release.await();
                      return null;
                    });
                backInA.incrementAndGet(); // still running in a after close began
                return null;
              });
      inB.await();
      AtomicBoolean closeReturnedEarly = new AtomicBoolean();
      Thread closer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    a.close();
                    closeReturnedEarly.set(backInA.get() == 0);
                  });
      awaitTrue(a::isClosed);
      assertTrue(a.isRunning());
      release.countDown();
      closer.join();
      task.get();
      assertFalse(closeReturnedEarly.get(), "close did not wait for the nested call to return");
      assertEquals(1, backInA.get());
      assertNoLeaks(a, b);
    }
  }

  @Test
  void concurrentClosersAllReturnOnceTheInterpreterIsClosed() throws Exception {
    Interpreter a = Interpreter.create();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> task =
        a.submit(
            () -> {
              inside.countDown();
              release.await();
              return null;
            });
    inside.await();
    List<Thread> closers = new ArrayList<>();
    List<Boolean> sawUnlisted = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      closers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    a.close();
                    sawUnlisted.add(!Interpreter.listAll().contains(a));
                  }));
    }
    awaitTrue(a::isClosed);
    release.countDown();
    for (Thread t : closers) {
      t.join();
    }
    task.get();
    assertEquals(List.of(true, true, true, true), sawUnlisted);
    assertNoLeaks(a);
  }

  @Test
  void aSubmittedTaskThatCouldNotEnterBeforeCloseFailsItsFuture() throws Exception {
    Interpreter a = Interpreter.create();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        Thread.ofPlatform()
            .start(
                () ->
                    a.run(
                        () -> {
                          inside.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                        }));
    inside.await();
    AtomicBoolean ran = new AtomicBoolean();
    // Queued behind the holder: either it entered before close began (and ran), or it fails.
    CompletableFuture<Boolean> late = a.submit(() -> ran.getAndSet(true));
    Thread closer = Thread.ofPlatform().start(a::close);
    awaitTrue(a::isClosed);
    release.countDown();
    closer.join();
    holder.join();
    try {
      late.get();
      assertTrue(ran.get());
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof InterpreterClosedException, e.toString());
      assertFalse(ran.get());
    }
    assertNoLeaks(a);
  }
}
