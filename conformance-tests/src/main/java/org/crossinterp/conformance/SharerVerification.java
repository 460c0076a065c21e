package org.crossinterp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Shareables;
import org.crossinterp.objchannel.Sharer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance verification of a {@link Sharer}: extend it in your test sources and implement
 * the factory methods; JUnit runs every rule of {@link SharerRules} through a real {@link
 * ObjChannel} between real interpreters. The kit registers (a recording wrapper of) your sharer
 * for {@link #type()} during each test and unregisters it afterwards.
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
   * Whether two values are the same value; {@link Objects#equals} by default.
   *
   * @param sent the value sent
   * @param received the value received
   * @return true if equal
   */
  protected boolean sameValue(T sent, T received) {
    return Objects.equals(sent, received);
  }

  /**
   * Changes a value in place, for the optional aliasing rule; the default returns false (the
   * type is immutable, or the rule is skipped).
   *
   * @param value the value to change
   * @return true if changed
   */
  protected boolean mutate(T value) {
    return false;
  }

  /** Where the wrapped sharer's calls ran. */
  private final List<Interpreter> sharedIn = new ArrayList<>();

  private final List<Interpreter> unsharedIn = new ArrayList<>();
  private final List<Object> data = new ArrayList<>();

  private void registerRecording() {
    Sharer<T> real = sharer();
    Shareables.register(
        type(),
        new Sharer<>() {
          @Override
          public Object share(T value) {
            Object d = real.share(value);
            synchronized (sharedIn) {
              sharedIn.add(Interpreter.current());
              data.add(d);
            }
            return d;
          }

          @Override
          public T unshare(Object d) {
            synchronized (sharedIn) {
              unsharedIn.add(Interpreter.current());
            }
            return real.unshare(d);
          }
        });
  }

  @AfterEach
  final void unregisterSharer() {
    Shareables.unregister(type());
  }

  private record Trip<T>(T sent, T received) {}

  private Trip<T> roundTrip(Interpreter from, Interpreter to) {
    registerRecording();
    ObjChannel ch = ObjChannel.create();
    T sent =
        in(
            from,
            () -> {
              T v = createValue();
              ch.send(v);
              return v;
            });
    T received = in(to, () -> type().cast(ch.recv()));
    return new Trip<>(sent, received);
  }

  @Override
  @Test
  public void required_rule5_1_shareRunsInTheSender() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    roundTrip(a, b);
    assertEquals(List.of(a), sharedIn, "rule 5.1: share did not run once, in the sender");
  }

  @Override
  @Test
  public void required_rule5_2_unshareRunsInTheReceiver() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    roundTrip(a, b);
    assertEquals(List.of(b), unsharedIn, "rule 5.2: unshare did not run once, in the receiver");
  }

  @Override
  @Test
  public void required_rule5_3_roundTripGivesAnEqualValue() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    Trip<T> t = roundTrip(a, b);
    assertSame(type(), t.received().getClass(), "rule 5.3: unshare returned another class");
    assertTrue(sameValue(t.sent(), t.received()), "rule 5.3: the received value differs: "
        + t.sent() + " vs " + t.received());
  }

  @Override
  @Test
  public void required_rule5_4_sharedDataIsImmutable() throws Exception {
    Interpreter a = newInterpreter("sender");
    T value = in(a, this::createValue);
    Object d = in(a, () -> sharer().share(value));
    assertTrue(
        Shareables.isShareable(d),
        "rule 5.4: share() returned a " + (d == null ? "null" : d.getClass().getName())
            + ", which is not shareable as is");
  }

  @Override
  @Test
  public void optional_rule5_5_noAliasingOfMutableState() throws Exception {
    Interpreter a = newInterpreter("sender");
    Interpreter b = newInterpreter("receiver");
    registerRecording();
    ObjChannel ch = ObjChannel.create();
    T sent =
        in(a, () -> {
          T v = createValue();
          ch.send(v);
          return v;
        });
    if (!in(a, () -> mutate(sent))) {
      optional("override mutate(value) to check that no mutable state is aliased");
    }
    T received = in(b, () -> type().cast(ch.recv()));
    assertNotSame(sent, received, "rule 5.5: the receiver got the sender's own object");
    assertTrue(sameValue(in(a, this::createValue), received),
        "rule 5.5: a change the sender made after the send reached the receiver");

    T second =
        in(a, () -> {
          T v = createValue();
          ch.send(v);
          return v;
        });
    in(b, () -> mutate(type().cast(ch.recv())));
    assertTrue(sameValue(in(a, this::createValue), second),
        "rule 5.5: a change the receiver made reached the sender's value");
  }
}
