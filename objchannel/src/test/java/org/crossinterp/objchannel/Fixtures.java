package org.crossinterp.objchannel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crossinterp.Interpreter;

/**
 * Types the tests send between interpreters. Public, in an exported package, so that proxy
 * classes can be generated for them.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A counter proxied through its interface. */
  public interface Counter {
    /** Adds one. */
    void increment();

    /** The count. */
    long get();
  }

  /** Deliberately not thread-safe: only the owner's lock makes concurrent increments exact. */
  public static final class PlainCounter implements Counter {
    private long n;

    /** Public, for the tests. */
    public PlainCounter() {}

    @Override
    public void increment() {
      long v = n;
      Thread.onSpinWait(); // widen the race window a lost update would need
      n = v + 1;
    }

    @Override
    public long get() {
      return n;
    }
  }

  /** Where and on which thread a call runs. */
  public interface Probe {
    /** The interpreter the call runs in. */
    Interpreter where();

    /** The id of the thread the call runs on. */
    long threadId();

    /** The thread itself: it cannot cross (a Thread would arrive as a proxy of Runnable). */
    Thread thread();
  }

  /** A probe. */
  public static final class ProbeImpl implements Probe {
    /** Public, for the tests. */
    public ProbeImpl() {}

    @Override
    public Interpreter where() {
      return Interpreter.current();
    }

    @Override
    public long threadId() {
      return Thread.currentThread().threadId();
    }

    @Override
    public Thread thread() {
      return Thread.currentThread();
    }
  }

  /** A mutable holder, to pass objects through proxy calls. */
  public interface Box {
    /** The content. */
    Object get();

    /** Replaces the content. */
    void set(Object o);

    /** Replaces the content with both arguments (in an array). */
    void setPair(Object first, Object second);

    /** Returns its argument, as it arrived in the owner. */
    Object echo(Object o);

    /** What the argument is in the owner: "proxy of NAME", "same" (the box itself) or its class. */
    String describe(Object o);

    /** The interpreter the box was made in (a field, not the current one). */
    Interpreter home();
  }

  /** A box; equality by content, computed in the owner (counted). */
  public static class BoxImpl implements Box {
    private final Interpreter home = Interpreter.current();
    private Object content;
    /** How often equals/hashCode/toString ran, and in which interpreter last. */
    public int objectMethodCalls;

    /** The interpreter the last equals/hashCode/toString ran in. */
    public Interpreter objectMethodsRanIn;

    /** An empty box. */
    public BoxImpl() {}

    /** A box holding {@code content}. */
    public BoxImpl(Object content) {
      this.content = content;
    }

    @Override
    public Object get() {
      return content;
    }

    @Override
    public void set(Object o) {
      content = o;
    }

    @Override
    public void setPair(Object first, Object second) {
      content = new Object[] {first, second};
    }

    @Override
    public Object echo(Object o) {
      return o;
    }

    @Override
    public String describe(Object o) {
      if (o == this) {
        return "same";
      }
      if (Proxies.isProxy(o)) {
        return "proxy of " + Proxies.owner(o).name();
      }
      return o == null ? "null" : o.getClass().getName();
    }

    @Override
    public Interpreter home() {
      return home;
    }

    private void ran() {
      objectMethodCalls++;
      objectMethodsRanIn = Interpreter.current();
    }

    @Override
    public boolean equals(Object o) {
      ran();
      return o instanceof BoxImpl b && Objects.equals(content, b.content);
    }

    @Override
    public int hashCode() {
      ran();
      return 31 + Objects.hashCode(content);
    }

    @Override
    public String toString() {
      ran();
      return "box(" + content + ") in " + Interpreter.current().name();
    }
  }

  /** A box subclass, for the exact-type rule of sharers. */
  public static class SpecialBox extends BoxImpl {
    /** Public, for the tests. */
    public SpecialBox() {}
  }

  /** A listener, called back from another interpreter. */
  @FunctionalInterface
  public interface Listener {
    /** One event. */
    void onEvent(String event);
  }

  /** Holds listeners and calls them. */
  public interface EventSource {
    /** Adds a listener. */
    void addListener(Listener l);

    /** Removes a listener (by equality, which a proxy forwards to its owner). */
    boolean removeListener(Listener l);

    /** Calls every listener. */
    void fire(String event);

    /** The listeners as this interpreter holds them. */
    List<Listener> listeners();
  }

  /** An event source. */
  public static final class EventSourceImpl implements EventSource {
    private final List<Listener> listeners = new ArrayList<>();

    /** Public, for the tests. */
    public EventSourceImpl() {}

    @Override
    public void addListener(Listener l) {
      listeners.add(l);
    }

    @Override
    public boolean removeListener(Listener l) {
      return listeners.remove(l);
    }

    @Override
    public void fire(String event) {
      for (Listener l : listeners) {
        l.onEvent(event);
      }
    }

    @Override
    public List<Listener> listeners() {
      return listeners;
    }
  }

  /** A checked exception of the tests' own. */
  public static final class FixtureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public FixtureException(String message) {
      super(message);
    }
  }

  /** Throws. */
  public interface Thrower {
    /** Throws a {@link FixtureException}. */
    void checked() throws FixtureException;

    /** Throws an {@link IllegalArgumentException}. */
    void unchecked();

    /** Throws an {@link AssertionError} subclass. */
    void error();

    /** Calls the listener, which may throw. */
    void callBack(Listener l);
  }

  /** A thrower. */
  public static final class ThrowerImpl implements Thrower {
    /** Public, for the tests. */
    public ThrowerImpl() {}

    @Override
    public void checked() throws FixtureException {
      throw new FixtureException("checked in " + Interpreter.current().name());
    }

    @Override
    public void unchecked() {
      throw new IllegalArgumentException("unchecked in " + Interpreter.current().name());
    }

    @Override
    public void error() {
      throw new FixtureError();
    }

    @Override
    public void callBack(Listener l) {
      l.onEvent("boom");
    }
  }

  /** An error of the tests' own. */
  public static final class FixtureError extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** Public, for the tests. */
    public FixtureError() {}
  }

  /** No interface: proxied by subclassing. */
  public static class Plain {
    private int calls;

    /** Needed by the proxy class. */
    public Plain() {}

    /** Counts the call and says where it ran. */
    public String where() {
      calls++;
      return Interpreter.current().name() + "#" + calls;
    }
  }

  /**
   * No interface, so proxied by subclassing, and its no-argument constructor (the one a proxy
   * runs) always throws: no proxy of it can be made in any interpreter, although the object
   * itself is made fine with the other constructor.
   */
  public static class Fragile {
    /** Why no proxy can be made, the message of the constructor's exception. */
    public static final String REFUSAL = "a Fragile refuses to be proxied";

    private final String name;

    /** The constructor a proxy runs: refuses, as one with side effects might. */
    protected Fragile() {
      throw new IllegalStateException(REFUSAL);
    }

    /** The real object. */
    public Fragile(String name) {
      this.name = name;
    }

    /** Its name. */
    public String name() {
      return name;
    }
  }

  /** Varargs. */
  public interface Joiner {
    /** Joins the parts, and says where it ran. */
    String join(String... parts);

    /** Stores the array it got, to show it is the owner's own copy. */
    void keep(Object[] array);

    /** The array kept. */
    Object[] kept();
  }

  /** A joiner. */
  public static final class JoinerImpl implements Joiner {
    private Object[] kept;

    /** Public, for the tests. */
    public JoinerImpl() {}

    @Override
    public String join(String... parts) {
      return String.join("+", parts) + " in " + Interpreter.current().name();
    }

    @Override
    public void keep(Object[] array) {
      kept = array;
    }

    @Override
    public Object[] kept() {
      return kept;
    }
  }

  /** Takes a class-typed argument. */
  @FunctionalInterface
  public interface Takes {
    /** Takes a builder (which would cross as a proxy of its interfaces: refused). */
    void take(StringBuilder sb);
  }

  /** Final and without interfaces: cannot be proxied. */
  public static final class Unproxyable {
    /** Public, for the tests. */
    public Unproxyable() {}

    /** Something to call. */
    public int value() {
      return 1;
    }
  }

  /** One object of a reference cycle across interpreters. */
  public interface Peer {
    /** Points this object at another (a proxy, when the other lives elsewhere). */
    void setPeer(Object peer);

    /** The other object. */
    Object peer();
  }

  /** A peer. */
  public static final class Node implements Peer {
    private Object peer;

    /** Public, for the tests. */
    public Node() {}

    @Override
    public void setPeer(Object peer) {
      this.peer = peer;
    }

    @Override
    public Object peer() {
      return peer;
    }
  }

  /** A mutable value type registered with a {@link Sharer} in the tests. */
  public static final class Money {
    /** Mutable on purpose. */
    public long cents;

    /** The currency. */
    public final String currency;

    /** Money. */
    public Money(long cents, String currency) {
      this.cents = cents;
      this.currency = currency;
    }
  }

  /** What a {@link Money} crosses as. */
  public record MoneyData(long cents, String currency) {}

  /** An enum, and an enum constant with a body. */
  public enum Color {
    /** Plain. */
    RED,
    /** With a body (its class is a subclass of the enum). */
    GREEN {
      @Override
      public String toString() {
        return "green";
      }
    }
  }

  /** Records of immutable components are shared as they are. */
  public record Point(int x, int y) {}

  /** Nested records. */
  public record Line(Point from, Point to, String label, Color color) {}

  /** A sealed hierarchy of records is provably immutable as a component type. */
  public sealed interface Shape permits Circle, Square {}

  /** A shape. */
  public record Circle(double r) implements Shape {}

  /** A shape. */
  public record Square(double side) implements Shape {}

  /** A record with a sealed component. */
  public record Drawing(Shape shape, java.time.ZoneId zone) {}

  /** A recursive sealed data type. */
  public sealed interface Chain permits End, Link {}

  /** The end of a chain. */
  public record End() implements Chain {}

  /** A link. */
  public record Link(int value, Chain next) implements Chain {}

  /** Channels (any implementation) cross as themselves, so they may be record components. */
  public record Route(String name, org.crossinterp.Channel<Object, Object> replies) {}

  /** A {@code List} component is not provably immutable, even when it holds a {@code List.of}. */
  public record WithList(List<String> items) {}

  /** A mutable component. */
  public record WithBuilder(StringBuilder text) {}

  /** A generic component is declared {@code Object}: not provably immutable. */
  public record Holder<T>(T value) {}

  /** Something with a name. */
  public interface Named {
    /** The name. */
    String name();
  }

  /** Not immutable, but it has an interface: proxied. */
  public record NamedList(String name, List<String> items) implements Named {}
}
