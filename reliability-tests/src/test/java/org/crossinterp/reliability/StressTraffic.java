package org.crossinterp.reliability;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.crossinterp.Channel;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.strview.StrView;

/**
 * The items of a stress run, on one buffer channel and one object channel: buffers of a
 * counting exporter, encoded text, strings and proxies, each with an id from the {@link
 * StressLedger}. About one view or proxy in ten is dropped without release, for the garbage
 * collector. Senders run inside an interpreter, so every share is counted by someone.
 */
final class StressTraffic {
  private static final Duration SEND_WAIT = Duration.ofMillis(5);
  private static final Duration RECV_WAIT = Duration.ofMillis(2);

  /** Counts acquires and releases of one send. */
  private static final class CountedExporter implements BufferExporter {
    private static final Arena ARENA = Arena.ofShared();
    private final MemorySegment memory = ARENA.allocate(16);
    private final AtomicInteger acquires = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();

    CountedExporter(long id) {
      memory.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, id);
    }

    @Override
    public MemorySegment acquireExport() {
      acquires.incrementAndGet();
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {
      releases.incrementAndGet();
    }
  }

  final MemChannel buffers = MemChannel.create(8);
  final ObjChannel objects = ObjChannel.create(8);
  private final StressLedger ledger;
  private final StressProblems problems;
  private final List<CountedExporter> exporters = new ArrayList<>();
  /** recv(Class) outcomes: the item had the type asked for, or was refused and left. */
  final LongAdder rightType = new LongAdder();
  final LongAdder wrongType = new LongAdder();

  StressTraffic(StressLedger ledger, StressProblems problems) {
    this.ledger = ledger;
    this.problems = problems;
  }

  void sendBuffer(Interpreter x) throws Exception {
    x.call(
        () -> {
          long id = ledger.issue();
          CountedExporter e = new CountedExporter(id);
          synchronized (exporters) {
            exporters.add(e);
          }
          return sendCounted(buffers, e, id);
        });
  }

  void sendText(Interpreter x) throws Exception {
    x.call(
        () -> {
          long id = ledger.issue();
          return sendCounted(buffers, StrView.encode(Long.toString(id)), id);
        });
  }

  void sendString(Interpreter x) throws Exception {
    x.call(
        () -> {
          long id = ledger.issue();
          return sendCounted(objects, Long.toString(id), id);
        });
  }

  void sendTicket(Interpreter x) throws Exception {
    x.call(
        () -> {
          long id = ledger.issue();
          int[] calls = new int[1]; // state of its own: not immutable, so it crosses as a proxy
          StressTicket ticket =
              () -> {
                calls[0]++;
                return (int) id;
              };
          return sendCounted(objects, ticket, id);
        });
  }

  /**
   * Sends, and settles the item as withdrawn unless the send took it: after a timeout, an
   * interrupt, a closed channel or any other failure the sender still owns it.
   */
  private boolean sendCounted(Channel<Object, ?> ch, Object item, long id)
      throws InterruptedException {
    boolean sent = false;
    try {
      sent = ch.send(item, SEND_WAIT);
      return sent;
    } finally {
      if (!sent) {
        ledger.withdrawn(id);
      }
    }
  }

  void recvBuffer(Interpreter y) throws Exception {
    y.call(
        () -> {
          CrossInterpreterView v = buffers.recv(RECV_WAIT);
          if (v != null) {
            receive(v);
          }
          return null;
        });
  }

  void recvObject(Interpreter y) throws Exception {
    y.call(
        () -> {
          Object o = objects.recv(RECV_WAIT);
          if (o != null) {
            receiveObject(o);
          }
          return null;
        });
  }

  /**
   * {@code recv(type)}, which waits without a bound (the run closes the channel for sending at
   * its end, which frees it): either the item is a {@code type}, or it is refused with {@code
   * ClassCastException} and stays first (the ledger finds it later, or reports it lost).
   */
  void recvAs(Interpreter y, Class<?> type) throws Exception {
    y.call(
        () -> {
          Object o;
          try {
            o = objects.recv(type);
          } catch (ClassCastException refused) {
            wrongType.increment();
            return null;
          }
          if (!type.isInstance(o)) {
            problems.report("recv(" + type.getSimpleName() + ") returned a " + o.getClass());
          }
          rightType.increment();
          receiveObject(o);
          return null;
        });
  }

  private void receive(CrossInterpreterView v) {
    if ("B".equals(v.format())) {
      ledger.received(v.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
      if (ThreadLocalRandom.current().nextInt(10) != 0) {
        v.release(); // else dropped: the garbage collector releases it
      }
    } else {
      try (StrView s = StrView.of(v)) {
        ledger.received(Long.parseLong(s.toString()));
      }
    }
  }

  private void receiveObject(Object o) {
    if (o instanceof String s) {
      ledger.received(Long.parseLong(s));
      return;
    }
    StressTicket t = (StressTicket) o;
    try {
      ledger.received(t.getAsInt());
    } catch (InterpreterClosedException ownerGone) {
      // UnboundPolicy.DELIVER: the proxy arrives and throws when called
      ledger.ownerGone();
      Proxies.release(t);
      return;
    }
    if (Proxies.isProxy(t) && ThreadLocalRandom.current().nextInt(10) != 0) {
      Proxies.release(t);
    }
  }

  /** No more sends: frees receivers that wait without a bound once the channels are drained. */
  void closeSend() {
    buffers.closeSend();
    objects.closeSend();
  }

  /** Receives what is still queued, closing both channels. */
  void drain() {
    for (CrossInterpreterView v : buffers.closeNow()) {
      receive(v);
    }
    for (Object o : objects.closeNow()) {
      receiveObject(o);
    }
  }

  /** Checks that every export was released exactly once. */
  void checkExports() {
    synchronized (exporters) {
      for (CountedExporter e : exporters) {
        if (e.acquires.get() != e.releases.get()) {
          problems.report(
              "an export was acquired " + e.acquires + " times and released " + e.releases);
        }
      }
    }
  }
}
