package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.RulesTestSupport.closing;
import static org.crossinterp.RulesTestSupport.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.crossinterp.RulesTestSupport.UserExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hooks nest per thread like a stack (DESIGN.md section 1): every {@code onLeave} is of the
 * innermost interpreter the thread entered and has not left, however the thread got there
 * (calls, pending-call drains, drains that call out).
 */
class HookNestingTest {
  /** Per thread, the hook events in order: "+a" for onEnter(a), "-a" for onLeave(a). */
  private final Map<Thread, List<String>> events = new ConcurrentHashMap<>();

  private Interpreter hooked(String name) {
    return Interpreter.builder()
        .name(name)
        .onEnter(() -> record("+" + name))
        .onLeave(() -> record("-" + name))
        .build();
  }

  private void record(String event) {
    events
        .computeIfAbsent(
            Thread.currentThread(), t -> Collections.synchronizedList(new ArrayList<>()))
        .add(event);
  }

  /** Fails unless every thread's events form a proper stack that ends empty. */
  private void assertEveryThreadNestsLikeAStack() {
    List<String> problems = new ArrayList<>();
    events.forEach(
        (thread, list) -> {
          List<String> seq;
          synchronized (list) {
            seq = List.copyOf(list);
          }
          Deque<String> stack = new ArrayDeque<>();
          for (int i = 0; i < seq.size(); i++) {
            String e = seq.get(i);
            String name = e.substring(1);
            if (e.charAt(0) == '+') {
              stack.push(name);
            } else if (!name.equals(stack.peek())) {
              problems.add(
                  thread.getName()
                      + ": leave "
                      + name
                      + " while the innermost entered is "
                      + stack.peek()
                      + " (event "
                      + i
                      + " of "
                      + around(seq, i)
                      + ")");
              return;
            } else {
              stack.pop();
            }
          }
          if (!stack.isEmpty()) {
            problems.add(thread.getName() + ": still entered in " + stack + " at the end");
          }
        });
    if (!problems.isEmpty()) {
      fail("hooks do not nest like a stack:\n  " + String.join("\n  ", problems));
    }
  }

  private static String around(List<String> seq, int i) {
    return seq.subList(Math.max(0, i - 8), Math.min(seq.size(), i + 3)).toString();
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hooksNestLikeAStackThroughADrainThatCallsAnotherInterpreter() throws Exception {
    Interpreter a = hooked("a");
    Interpreter b = hooked("b");
    Interpreter c = hooked("c");
    try (AutoCloseable closer = closing(a, b, c)) {
      UserExporter exporter = new UserExporter(() -> callQuietly(c));
      MemChannel ch = MemChannel.create();
      b.run(() -> ch.trySend(exporter));
      CrossInterpreterView view = ch.recv();
      within(
          "a release, from inside a, of a view whose releaseExport calls c",
          () -> {
            a.run(view::release);
            return null;
          });
      assertEquals(1, exporter.releases.get());
      assertEveryThreadNestsLikeAStack();
      assertNoLeaks(a, b, c);
    }
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hooksNestLikeAStackUnderRandomNestedCallsAndReleasesFromManyThreads() throws Exception {
    Interpreter a = hooked("a");
    Interpreter b = hooked("b");
    Interpreter c = hooked("c");
    Interpreter[] all = {a, b, c};
    try (AutoCloseable closer = closing(a, b, c)) {
      // views exported by b (its releaseExport calls c) and by c (its releaseExport calls a)
      ConcurrentLinkedQueue<CrossInterpreterView> views = new ConcurrentLinkedQueue<>();
      UserExporter fromB = new UserExporter(() -> callQuietly(c));
      UserExporter fromC = new UserExporter(() -> callQuietly(a));
      MemChannel ch = MemChannel.create();
      int perExporter = 300;
      b.run(() -> send(ch, fromB, perExporter));
      c.run(() -> send(ch, fromC, perExporter));
      for (int i = 0; i < 2 * perExporter; i++) {
        views.add(ch.recv());
      }
      int threads = 4;
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        done.add(f);
        Thread.ofPlatform()
            .daemon(true)
            .name("random-" + t)
            .start(
                () -> {
                  try {
                    go.await();
                    for (int i = 0; i < 400; i++) {
                      nest(all, views, 1 + ThreadLocalRandom.current().nextInt(4));
                    }
                    f.complete(null);
                  } catch (Throwable e) {
                    f.completeExceptionally(e);
                  }
                });
      }
      go.countDown();
      for (CompletableFuture<Void> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
      CrossInterpreterView v;
      while ((v = views.poll()) != null) {
        v.release();
      }
      assertEquals(perExporter, fromB.releases.get());
      assertEquals(perExporter, fromC.releases.get());
      assertEveryThreadNestsLikeAStack();
      assertNoLeaks(a, b, c);
    }
  }

  /** A random chain of nested calls, releasing a view at some levels. */
  private static void nest(Interpreter[] all, ConcurrentLinkedQueue<CrossInterpreterView> views,
      int depth) throws Exception {
    if (depth == 0) {
      return;
    }
    Interpreter next = all[ThreadLocalRandom.current().nextInt(all.length)];
    next.call(
        () -> {
          if (ThreadLocalRandom.current().nextInt(3) == 0) {
            CrossInterpreterView v = views.poll();
            if (v != null) {
              v.release();
            }
          }
          nest(all, views, depth - 1);
          return null;
        });
  }

  private static void send(MemChannel ch, UserExporter exporter, int times) {
    for (int i = 0; i < times; i++) {
      ch.trySend(exporter);
    }
  }

  private static void callQuietly(Interpreter i) {
    try {
      i.call(() -> Duration.ZERO);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
