package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Shareables;
import org.crossinterp.objchannel.Sharer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance verification of a {@link Sharer}: extend it in your test sources and implement
 * the factory methods; JUnit runs every rule of {@link SharerRules}, through a real {@link
 * ObjChannel} between real interpreters where the rule is about the channel's use of the sharer.
 *
 * <p>The kit registers (a recording wrapper of) your sharer for {@link #type()} during each
 * test that sends, and unregisters it afterwards: a sharer you registered for the same type
 * yourself is gone after the verification ran.
 *
 * <pre>{@code
 * class InventorySharerTest extends SharerVerification<Inventory> {
 *   protected Class<Inventory> type() { return Inventory.class; }
 *   protected Sharer<Inventory> sharer() { return new InventorySharer(); }
 *   protected Inventory createValue() { return new Inventory("shelf", "apple", "pear"); }
 *   protected boolean mutate(Inventory i) { i.add("plum"); return true; }
 * }
 * }</pre>
 *
 * @param <T> the shared type
 */
public abstract class SharerVerification<T> extends VerificationSupport implements SharerRules {

  /** Creates the verification. */
  protected SharerVerification() {}

  /**
   * The exact class the sharer is for.
   *
   * @return the class
   */
  protected abstract Class<T> type();

  /**
   * The sharer under test.
   *
   * @return the sharer
   */
  protected abstract Sharer<T> sharer();

  /**
   * A new value to send. Called in the sending interpreter; every call returns an equal value
   * (the rules compare against a fresh one).
   *
   * @return a value of exactly {@link #type()}
   */
  protected abstract T createValue();

  /**
   * Whether two values are the same value; {@link Objects#equals} by default. Called inside an
   * interpreter that holds one of them.
   *
   * @param sent the value sent
   * @param received the value received
   * @return true if equal
   */
  protected boolean sameValue(T sent, T received) {
    return Objects.equals(sent, received);
  }

  /**
   * Changes a value in place, for the optional aliasing rule 5.5; the default returns false (the
   * type is immutable, or the rule is skipped). Called in the interpreter that holds the value.
   *
   * @param value the value to change
   * @return true if changed
   */
  protected boolean mutate(T value) {
    return false;
  }

  /** Where one call of the wrapped sharer ran. */
  private record Ran(Interpreter interpreter, Thread thread) {}

  private final List<Ran> shares = new ArrayList<>();
  private final List<Ran> unshares = new ArrayList<>();

  private void registerRecording() {
    Sharer<T> real = sharer();
    synchronized (shares) {
      shares.clear();
      unshares.clear();
    }
    Shareables.register(
        type(),
        new Sharer<>() {
          @Override
          public Object share(T value) {
            synchronized (shares) {
              shares.add(new Ran(Interpreter.current(), Thread.currentThread()));
            }
            return real.share(value);
          }

          @Override
          public T unshare(Object d) {
            synchronized (shares) {
              unshares.add(new Ran(Interpreter.current(), Thread.currentThread()));
            }
            return real.unshare(d);
          }
        });
  }

  /**
   * Unregisters the kit's sharer. JUnit calls it after each test, before the leak check; not for
   * direct use.
   */
  @AfterEach
  public final void unregisterSharer() {
    Shareables.unregister(type());
  }

  private T created(String rule) {
    T v = createValue();
    if (v == null || v.getClass() != type()) {
      fail(rule + ": createValue() returned " + (v == null ? "null" : "a " + v.getClass().getName())
          + ", not exactly a " + type().getName() + "; the registry matches the exact class, so"
          + " the sharer would never be used");
    }
    return v;
  }

  private record Trip<T>(T sent, T received, Thread thread) {}

  /**
   * Sends a new value from {@code from} over {@code ch}. When ObjChannel refuses it because the
   * sharer's data is not shareable, the test is aborted: rule 5.4 reports that failure.
   */
  private T send(Interpreter from, ObjChannel ch, String rule) {
    return in(from, () -> {
      T v = created(rule);
      try {
        ch.send(v);
      } catch (NotShareableException refused) {
        if (!Shareables.isShareable(sharer().share(created(rule)))) {
          cannotCheck("share() returns data that is not shareable as is, so ObjChannel"
              + " refuses the value and rule 5.4 fails");
        }
        throw refused;
      }
      return v;
    });
  }

  /** Sends a new value from {@code from} to {@code to} through a real channel. */
  private Trip<T> roundTrip(Interpreter from, Interpreter to, String rule) {
    registerRecording();
    ObjChannel ch = ObjChannel.create();
    T sent = send(from, ch, rule);
    T received = in(to, () -> type().cast(ch.recv()));
    return new Trip<>(sent, received, Thread.currentThread());
  }

  @Override
  @Test
  public void required_rule5_1_shareRunsInTheSender() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    Trip<T> t = roundTrip(a, b, "rule 5.1");
    synchronized (shares) {
      assertEquals(List.of(new Ran(a, t.thread())), shares,
          "rule 5.1: share did not run once, in the sender, on the sending thread");
    }
  }

  @Override
  @Test
  public void required_rule5_2_unshareRunsInTheReceiver() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    Trip<T> t = roundTrip(a, b, "rule 5.2");
    synchronized (shares) {
      assertEquals(List.of(new Ran(b, t.thread())), unshares,
          "rule 5.2: unshare did not run once, in the receiver, on the receiving thread");
    }
  }

  @Override
  @Test
  public void required_rule5_3_roundTripGivesAnEqualValue() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    Trip<T> t = roundTrip(a, b, "rule 5.3");
    assertSame(type(), t.received().getClass(), "rule 5.3: unshare returned another class");
    T fresh = in(a, () -> created("rule 5.3"));
    assertTrue(in(b, () -> sameValue(fresh, t.received())),
        "rule 5.3: the received value differs: " + fresh + " was sent, " + t.received()
            + " arrived");
  }

  @Override
  @Test
  public void required_rule5_4_sharedDataIsImmutable() throws Exception {
    Interpreter a = newInterpreter("sender");
    Object d = in(a, () -> sharer().share(created("rule 5.4")));
    assertTrue(
        Shareables.isShareable(d),
        "rule 5.4: share() returned a " + (d == null ? "null" : d.getClass().getName())
            + ", which is not shareable as is; return immutable data (Strings, boxed"
            + " primitives, records of immutable components, List.of...)");
  }

  @Override
  @Test
  public void required_rule5_6_receivedValuesOutliveTheSender() throws Exception {
    Interpreter a = newInterpreter("closing sender");
    Interpreter b = newInterpreter("receiver");
    Interpreter witness = newInterpreter("witness");
    String rule = "rule 5.6";
    registerRecording();
    ObjChannel ch = ObjChannel.create();
    send(a, ch, rule);
    send(a, ch, rule);
    T before = in(b, () -> type().cast(ch.recv()));
    T pristine = in(witness, () -> created(rule));
    if (!in(b, () -> sameValue(pristine, before))) {
      cannotCheck("a value does not arrive equal, so rule 5.3 fails");
    }
    a.close();
    assertTrue(in(b, () -> sameValue(pristine, before)),
        "rule 5.6: a value received before its sender was closed changed when it closed");
    T after = in(b, () -> type().cast(ch.recv()));
    assertTrue(in(b, () -> sameValue(pristine, after)),
        "rule 5.6: a value still queued when its sender was closed arrived different: " + after);
  }

  /** share() in {@code from}, unshare() in {@code to}: the sharer alone, without a channel. */
  private T direct(Sharer<T> s, Interpreter from, T value, Interpreter to) {
    Object data = in(from, () -> s.share(value));
    return in(to, () -> s.unshare(data));
  }

  @Override
  @Test
  public void optional_rule5_5_noAliasingOfMutableState() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    Interpreter c = newInterpreter("second receiver");
    Sharer<T> s = sharer();
    String rule = "rule 5.5";
    T probe = in(a, () -> created(rule));
    if (!in(a, () -> mutate(probe))) {
      optional("override mutate(value) to check that no mutable state is aliased");
    }
    T control = direct(s, a, in(a, () -> created(rule)), b);
    T pristine = in(a, () -> created(rule));
    if (!in(b, () -> sameValue(pristine, control))) {
      cannotCheck("an unchanged value does not arrive equal, so rule 5.3 fails");
    }

    T sent = in(a, () -> created(rule));
    T received = direct(s, a, sent, b);
    assertNotSame(sent, received, "rule 5.5: the receiver got the sender's own object");
    in(a, () -> mutate(sent));
    assertTrue(in(b, () -> sameValue(pristine, received)),
        "rule 5.5: a change the sender made after the send reached the receiver");

    T second = in(a, () -> created(rule));
    T secondReceived = direct(s, a, second, b);
    in(b, () -> mutate(secondReceived));
    assertTrue(in(a, () -> sameValue(pristine, second)),
        "rule 5.5: a change the receiver made reached the sender's value");

    T atB = direct(s, a, in(a, () -> created(rule)), b);
    T atC = direct(s, a, in(a, () -> created(rule)), c);
    assertNotSame(atB, atC, "rule 5.5: two receivers got the same object");
    in(b, () -> mutate(atB));
    assertTrue(in(c, () -> sameValue(pristine, atC)),
        "rule 5.5: a change one receiver made reached another receiver's value");
  }
}
