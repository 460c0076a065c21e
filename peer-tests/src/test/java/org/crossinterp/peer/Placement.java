package org.crossinterp.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;

/**
 * Where a collection under test lives and how the tests reach it: the plain JDK collection (the
 * baseline that proves the feature sets honest), or a collection made inside an owner interpreter
 * and used only through the proxy an {@link ObjChannel} delivers to the interpreter the tests run
 * in.
 */
abstract class Placement {
  /** For suite names: {@code jdk}, {@code ordinary owner}, {@code dedicated-thread owner}. */
  abstract String label();

  /**
   * The collection the tests get.
   *
   * @param as the interface the tests use it through (what a proxy is received as)
   * @param make makes the real collection; runs where the collection lives
   */
  abstract <C> C place(Class<? super C> as, Supplier<C> make);

  /** Runs one collection's suite where the tests run. */
  abstract void runTests(Runnable suite);

  /** After each test: gives back what {@link #place} handed out for it. */
  abstract void afterTest();

  /** The plain JDK collections, used from the test thread: no interpreter involved. */
  static Placement jdk() {
    return new Placement() {
      @Override
      String label() {
        return "jdk";
      }

      @Override
      <C> C place(Class<? super C> as, Supplier<C> make) {
        return make.get();
      }

      @Override
      void runTests(Runnable suite) {
        suite.run();
      }

      @Override
      void afterTest() {}
    };
  }

  /**
   * Collections owned by {@code owner}, used only through proxies from {@code user}: the tests
   * run inside {@code user}; each collection is made inside {@code owner}, sent on a channel there
   * and received in {@code user} as the interface the suite tests.
   */
  static Proxied proxied(String label, Interpreter owner, Interpreter user) {
    return new Proxied(label, owner, user);
  }

  static final class Proxied extends Placement {
    private final String label;
    final Interpreter owner;
    final Interpreter user;
    private final ObjChannel channel;
    /** The proxies received for the running test: released when it ends. */
    private final List<Object> handedOut = new ArrayList<>();

    private Proxied(String label, Interpreter owner, Interpreter user) {
      this.label = label;
      this.owner = owner;
      this.user = user;
      this.channel = ObjChannel.builder().name("peer-tests " + label).build();
    }

    @Override
    String label() {
      return label;
    }

    @Override
    <C> C place(Class<? super C> as, Supplier<C> make) {
      try {
        owner.call(
            () -> {
              channel.send(make.get()); // sent from the owner: it arrives elsewhere as a proxy
              return null;
            });
        @SuppressWarnings("unchecked") // the proxy implements every interface the object has
        C proxy = (C) channel.recv(as);
        if (!Proxies.isProxy(proxy) || Proxies.owner(proxy) != owner) {
          throw new AssertionError("expected a proxy owned by " + owner + ", got " + proxy);
        }
        handedOut.add(proxy);
        return proxy;
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    void runTests(Runnable suite) {
      user.run(suite);
    }

    @Override
    void afterTest() {
      for (Object proxy : handedOut) {
        if (Proxies.refCount(proxy) > 0) {
          Proxies.release(proxy);
        }
      }
      handedOut.clear();
    }

    /**
     * The shares the suites themselves hold once built, before any test ran: {@code [owner's,
     * tests' interpreter's]}. Guava's sub-map and sub-set generators ask a fresh collection for
     * its comparator when they are built and keep it (for a descending view that is the owner's
     * {@code Collections.reverseOrder()}, so they keep its proxy) for as long as the suite lives,
     * and JUnit keeps the suites until the run ends. The proxies the generators received while
     * being built are released here; the rest is measured once it is settled.
     */
    long[] structuralShares() {
      afterTest();
      return LeakCheck.settled(this);
    }

    /** Closes the channel and both interpreters. */
    void close() {
      channel.close();
      owner.close();
      user.close();
    }
  }
}
