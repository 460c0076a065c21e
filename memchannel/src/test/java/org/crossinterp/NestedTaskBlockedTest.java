package org.crossinterp;

import static org.crossinterp.InterpreterTestSupport.assertNoLeaks;
import static org.crossinterp.RulesTestSupport.await;
import static org.crossinterp.RulesTestSupport.awaitParked;
import static org.crossinterp.RulesTestSupport.closing;
import static org.crossinterp.RulesTestSupport.dedicated;
import static org.crossinterp.RulesTestSupport.stackOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.crossinterp.RulesTestSupport.Named;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A nested task that blocks holds the task beneath it (DESIGN.md section 1). That is the user's
 * mistake, as in every event loop, but the library makes it visible: once a nested task has
 * blocked longer than {@code crossinterp.eventLoop.blockedWarningMillis} (read when a dedicated
 * interpreter is created) while a task beneath it has its result ready, a JFR event {@code
 * org.crossinterp.NestedTaskBlocked} and a WARNING on the System.Logger {@code
 * org.crossinterp.eventloop} name both tasks (by their Callables' {@code toString()}).
 */
class NestedTaskBlockedTest {
  private static final String EVENT = "org.crossinterp.NestedTaskBlocked";
  private static final String PROPERTY = "crossinterp.eventLoop.blockedWarningMillis";
  private static final String LOGGER = "org.crossinterp.eventloop";

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aNestedTaskBlockingTheTaskBeneathItIsReportedNamingBoth() throws Exception {
    String before = System.getProperty(PROPERTY);
    Interpreter d1;
    System.setProperty(PROPERTY, "100");
    try {
      d1 = dedicated("loop-d1");
    } finally {
      if (before == null) {
        System.clearProperty(PROPERTY);
      } else {
        System.setProperty(PROPERTY, before);
      }
    }
    Interpreter d2 = dedicated("loop-d2");
    List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    try (LogCapture log = new LogCapture(LOGGER);
        AutoCloseable c = closing(d1, d2);
        RecordingStream rs = new RecordingStream()) {
      rs.enable(EVENT).withoutThreshold();
      rs.onEvent(EVENT, events::add);
      rs.startAsync();

      MemChannel ch = MemChannel.create();
      CountDownLatch inD2 = new CountDownLatch(1);
      CountDownLatch releaseD2 = new CountDownLatch(1);
      CountDownLatch t3Started = new CountDownLatch(1);
      AtomicReference<Thread> loopThread = new AtomicReference<>();
      Named<Integer> t1 =
          new Named<>(
              "t1-waits-for-d2-then-sends",
              () -> {
                loopThread.set(Thread.currentThread());
                int r =
                    d2.call(
                        () -> {
                          inD2.countDown();
                          releaseD2.await();
                          return 1;
                        });
                ch.send(new byte[] {(byte) r}); // what t3 waits for, but t3 holds t1 beneath it
                return r;
              });
      Named<Byte> t3 =
          new Named<>(
              "t3-receives-on-the-loop",
              () -> {
                t3Started.countDown();
                try (CrossInterpreterView v = ch.recv()) {
                  return v.toByteArray()[0];
                }
              });
      CompletableFuture<Integer> f1 = d1.submit(t1);
      inD2.await(); // t1 waits in d2: d1's thread serves its queue meanwhile
      CompletableFuture<Byte> f3 = d1.submit(t3);
      t3Started.await();
      awaitParked(loopThread.get()); // t3 waits in recv, nested on top of t1
      releaseD2.countDown(); // t1's result is ready now, but t1 cannot resume beneath t3

      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      try {
        assertFalse(events.isEmpty(), "no " + EVENT + " event within 10 s");
        RecordedEvent e = events.get(0);
        assertEquals("loop-d1", e.getString("interpreterName"));
        assertEquals(t3.toString(), e.getString("blockedTask"));
        assertEquals(t1.toString(), e.getString("readyTask"));
        String logged = log.text();
        assertTrue(
            logged.contains("WARNING")
                && logged.contains(t1.toString())
                && logged.contains(t3.toString()),
            "no WARNING on " + LOGGER + " naming both tasks; logged: " + logged);
      } finally {
        // unblock: an item for t3, so that it returns and t1 resumes and sends
        ch.send(new byte[] {9});
      }
      assertEquals((byte) 9, await(f3, "t3 after its item arrived"));
      try {
        assertEquals(1, await(f1, "t1 after t3 returned"));
      } catch (AssertionError e) {
        fail(e.getMessage() + "\n" + stackOf(loopThread.get()));
      }
      try (CrossInterpreterView sentByT1 = ch.recv()) {
        assertEquals(1, sentByT1.toByteArray()[0]);
      }
      assertTrue(ch.size() == 0);
      assertNoLeaks(d1, d2);
    }
  }

  /**
   * Captures, formatted, what a java.util.logging logger (the backend of {@code System.Logger})
   * publishes. Through reflection: this module does not read java.logging.
   */
  private static final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Class<?> loggerClass;
    private final Class<?> handlerClass;
    private final Object logger; // held strongly, so that the logger and its handler stay
    private final Object handler;

    LogCapture(String name) throws ReflectiveOperationException {
      loggerClass = Class.forName("java.util.logging.Logger");
      handlerClass = Class.forName("java.util.logging.Handler");
      Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
      logger = loggerClass.getMethod("getLogger", String.class).invoke(null, name);
      Object formatter =
          Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
      handler =
          Class.forName("java.util.logging.StreamHandler")
              .getConstructor(OutputStream.class, formatterClass)
              .newInstance(out, formatter);
      loggerClass.getMethod("addHandler", handlerClass).invoke(logger, handler);
    }

    String text() throws ReflectiveOperationException {
      handlerClass.getMethod("flush").invoke(handler);
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    @Override
    public void close() throws ReflectiveOperationException {
      loggerClass.getMethod("removeHandler", handlerClass).invoke(logger, handler);
    }
  }
}
