package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.crossinterp.Interpreter;
import org.crossinterp.InterpreterClosedException;
import org.crossinterp.LeakDetector;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The conformance verification of a type reached through proxies: extend it and implement the
 * factory methods. The kit wraps your object in a recording {@link Proxy} (so that it sees every
 * call arrive), sends it over a real {@link ObjChannel}, and runs every rule of {@link
 * ProxyableRules} on the proxy the receiver gets.
 *
 * <pre>{@code
 * class AccountVerificationTest extends ProxyableVerification<Account> {
 *   protected Class<Account> type() { return Account.class; }
 *   protected Account createObject() { return new BankAccount("ada"); }
 *   protected void exercise(Account a) { a.deposit(10); a.withdraw(3); a.balance(); a.holder(); }
 *   protected void callThatThrows(Account a) { a.withdraw(1_000_000); }
 * }
 * }</pre>
 *
 * @param <T> the interface proxies implement
 */
public abstract class ProxyableVerification<T> extends VerificationSupport
    implements ProxyableRules {

  /** Creates the verification. */
  protected ProxyableVerification() {}

  /**
   * The public interface the proxies implement.
   *
   * @return the interface
   */
  protected abstract Class<T> type();

  /**
   * A new object. Called in its owning interpreter.
   *
   * @return the object
   */
  protected abstract T createObject();

  /**
   * Calls every method of {@link #type()} on {@code proxy} at least once, with arguments that
   * make sense, letting exceptions through. Called in the receiving interpreter.
   *
   * @param proxy the proxy
   * @throws Exception if a call fails
   */
  protected abstract void exercise(T proxy) throws Exception;

  /**
   * Makes one call on {@code target} that throws, for the optional exception rule. The default
   * skips the rule.
   *
   * @param target the proxy (or, to learn the expected type, the object)
   * @throws Throwable the exception the object throws
   */
  protected void callThatThrows(T target) throws Throwable {
    optional("override callThatThrows(target) with a call that throws, to check exception types");
  }

  /** One call seen by the recording wrapper. */
  private record Seen(String method, Interpreter interpreter, Thread thread) {}

  private final List<Seen> seen = new ArrayList<>();

  private T recording(T real) {
    Object wrapper =
        Proxy.newProxyInstance(
            type().getClassLoader(),
            new Class<?>[] {type()},
            (p, m, args) -> {
              synchronized (seen) {
                seen.add(new Seen(signature(m), Interpreter.current(), Thread.currentThread()));
              }
              if (args != null) {
                for (int i = 0; i < args.length; i++) {
                  if (args[i] == p) {
                    args[i] = real; // the wrapper is invisible: proxy.equals(proxy) is real.equals(real)
                  }
                }
              }
              try {
                return m.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return type().cast(wrapper);
  }

  /**
   * Makes crossinterp start the threads it starts once per JVM (its cleaner), so that they are
   * not taken for the object's: a proxy made and released outside any channel.
   */
  private static void warmUp() {
    LeakDetector.leakCount();
    CharSequence p = Proxies.share(new StringBuilder("warm-up"), CharSequence.class);
    Proxies.release(p);
  }

  /** The live platform threads (virtual threads are not listed by the JDK). */
  private static Set<Thread> liveThreads() {
    return new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  /**
   * Threads started since {@code before} and still alive, except the JVM's own, the JDK's shared
   * pools (the common pool, virtual-thread carriers) and crossinterp's, which libraries start on
   * their own.
   */
  private static List<String> startedSince(Set<Thread> before) {
    List<String> started = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (before.contains(t) || !t.isAlive() || shared(t)) {
        continue;
      }
      started.add(t.getName());
    }
    return started;
  }

  private static boolean shared(Thread t) {
    if (t instanceof ForkJoinWorkerThread w
        && (w.getPool() == ForkJoinPool.commonPool()
            || w.getClass().getName().equals("jdk.internal.misc.CarrierThread"))) {
      return true;
    }
    if (t.getName().startsWith("crossinterp-")) {
      return true; // crossinterp's own (cleaners, dedicated interpreter threads)
    }
    ThreadGroup g = t.getThreadGroup();
    return g == null || g.getParent() == null; // the JVM's own threads (attach listener...)
  }

  private static String signature(Method m) {
    StringBuilder b = new StringBuilder(m.getName()).append('(');
    for (Class<?> p : m.getParameterTypes()) {
      b.append(p.getName()).append(',');
    }
    return b.append(')').toString();
  }

  private record Setup<T>(Interpreter owner, Interpreter receiver, ObjChannel channel, T object) {}

  private Setup<T> sendOnce() {
    Interpreter owner = newInterpreter("owner");
    Interpreter receiver = newInterpreter("receiver");
    ObjChannel ch = ObjChannel.create();
    T object =
        in(owner, () -> {
          T o = recording(createObject());
          ch.send(o);
          return o;
        });
    return new Setup<>(owner, receiver, ch, object);
  }

  private T receive(Setup<T> s) {
    return in(s.receiver(), () -> s.channel().recv(type()));
  }

  private void releaseAll(Setup<T> s, T proxy) {
    in(s.receiver(), () -> {
      while (Proxies.refCount(proxy) > 0) {
        Proxies.release(proxy);
      }
      return null;
    });
  }

  @Override
  @Test
  public void required_rule5_10_everyMethodReachesTheObject() throws Exception {
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    seen.clear();
    in(s.receiver(), () -> {
      exercise(proxy);
      return null;
    });
    Set<String> missing = new TreeSet<>();
    for (Method m : type().getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        missing.add(signature(m));
      }
    }
    synchronized (seen) {
      seen.forEach(c -> missing.remove(c.method()));
    }
    releaseAll(s, proxy);
    assertTrue(missing.isEmpty(), "rule 5.10: these methods never reached the object: " + missing);
  }

  @Override
  @Test
  public void required_rule5_11_callsRunInTheOwnerOnTheCallingThread() throws Exception {
    warmUp();
    Set<Thread> before = liveThreads();
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    synchronized (seen) {
      seen.clear();
    }
    Thread caller = Thread.currentThread();
    in(s.receiver(), () -> {
      exercise(proxy);
      return null;
    });
    List<String> started = startedSince(before);
    releaseAll(s, proxy);
    synchronized (seen) {
      assertTrue(!seen.isEmpty(), "rule 5.11: exercise() made no call");
      for (Seen c : seen) {
        assertSame(s.owner(), c.interpreter(),
            "rule 5.11: " + c.method() + " ran outside the owner");
        assertSame(caller, c.thread(), "rule 5.11: " + c.method() + " ran on another thread");
      }
    }
    assertTrue(started.isEmpty(),
        "rule 5.11: the object started threads of its own while it was created and called: "
            + started + "; work it hands to them runs outside the owning interpreter, so every"
            + " call must do its work itself, on the calling thread");
  }

  @Override
  @Test
  public void required_rule5_12_equalsHashCodeAndToStringAreTheObjects() throws Exception {
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    int hash = in(s.owner(), s.object()::hashCode);
    String text = in(s.owner(), s.object()::toString);
    boolean selfEqual = in(s.owner(), () -> s.object().equals(s.object()));
    in(s.receiver(), () -> {
      assertEquals(hash, proxy.hashCode(), "rule 5.12: hashCode is not the object's");
      assertEquals(text, proxy.toString(), "rule 5.12: toString is not the object's");
      assertEquals(selfEqual, proxy.equals(proxy), "rule 5.12: equals is not the object's");
      return null;
    });
    releaseAll(s, proxy);
  }

  @Override
  @Test
  public void required_rule5_13_sameObjectArrivesAsTheSameProxy() throws Exception {
    Setup<T> s = sendOnce();
    in(s.owner(), () -> {
      s.channel().send(s.object());
      return null;
    });
    T first = receive(s);
    T second = receive(s);
    assertSame(first, second, "rule 5.13: the same object arrived as two proxies");
    assertEquals(2, Proxies.refCount(first), "rule 5.13: the second arrival did not count");
    releaseAll(s, first);
  }

  @Override
  @Test
  public void required_rule5_14_releaseDropsTheOwnersReference() throws Exception {
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    assertEquals(1, s.owner().liveShares(), "rule 5.14: the owner does not count the proxy");
    releaseAll(s, proxy);
    assertEquals(0, awaitShares(s.owner(), 0), "rule 5.14: the owner still holds the object");
    assertThrows(IllegalStateException.class, proxy::hashCode,
        "rule 5.14: a released proxy still answered");
  }

  @Override
  @Test
  public void required_rule5_15_proxySentHomeArrivesAsTheObject() throws Exception {
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    in(s.receiver(), () -> {
      s.channel().send(proxy);
      return null;
    });
    Object home = in(s.owner(), () -> s.channel().recv());
    assertSame(s.object(), home, "rule 5.15: the proxy came home as something else");
    releaseAll(s, proxy);
  }

  @Override
  @Test
  public void required_rule5_17_callsAfterTheOwnerClosedFail() throws Exception {
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    s.owner().close();
    in(s.receiver(), () -> {
      assertThrows(InterpreterClosedException.class, proxy::hashCode,
          "rule 5.17: hashCode answered after the owner was closed");
      assertThrows(InterpreterClosedException.class, proxy::toString,
          "rule 5.17: toString answered after the owner was closed");
      assertThrows(InterpreterClosedException.class, () -> proxy.equals(proxy),
          "rule 5.17: equals answered after the owner was closed");
      assertThrows(InterpreterClosedException.class, () -> exercise(proxy),
          "rule 5.17: a call exercise() made answered after the owner was closed");
      return null;
    });
    releaseAll(s, proxy);
    assertEquals(0, awaitShares(s.owner(), 0),
        "rule 5.17: the closed owner still holds the object after the proxy was released");
  }

  /**
   * What {@link #callThatThrows} throws in {@code where}, or null; returned rather than thrown,
   * so that a checked exception keeps its type (an optional-rule abort is passed on).
   */
  private Throwable thrownBy(Interpreter where, T target) {
    return in(where, () -> {
      try {
        callThatThrows(target);
        return null;
      } catch (TestAbortedException skip) {
        throw skip;
      } catch (Throwable t) {
        return t;
      }
    });
  }

  @Override
  @Test
  public void optional_rule5_16_exceptionsKeepTheirType() throws Exception {
    Setup<T> s = sendOnce();
    T proxy = receive(s);
    try {
      Throwable onObject = thrownBy(s.owner(), s.object());
      if (onObject == null) {
        fail("rule 5.16: callThatThrows did not throw when called on the object itself");
      }
      Throwable throughProxy = thrownBy(s.receiver(), proxy);
      assertTrue(throughProxy != null && throughProxy.getClass() == onObject.getClass(),
          "rule 5.16: the object throws " + onObject.getClass().getName() + ", the proxy threw "
              + throughProxy);
    } finally {
      releaseAll(s, proxy);
    }
  }
}
