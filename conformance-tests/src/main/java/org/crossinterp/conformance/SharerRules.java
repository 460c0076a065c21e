package org.crossinterp.conformance;

/**
 * The rules a {@link org.crossinterp.objchannel.Sharer} keeps (DESIGN §5 rule 2), one test each
 * in {@link SharerVerification}. Each rule says what to check when it fails.
 */
public interface SharerRules {
  /**
   * Rule 5.1: {@code share} runs once per send, in the sending interpreter, on the sending
   * thread. If this fails, check that {@code type()} is exactly the class of the values you send
   * (the registry matches the exact class, not subclasses or interfaces), and that your sharer
   * does not defer its work to another thread. While rule 5.4 fails, ObjChannel refuses the
   * values, and this rule is reported as aborted.
   *
   * @throws Exception on failure
   */
  void required_rule5_1_shareRunsInTheSender() throws Exception;

  /**
   * Rule 5.2: {@code unshare} runs once per receive, in the receiving interpreter, on the
   * receiving thread. If this fails, check that your sharer does not build the value eagerly in
   * {@code share}. Aborted while rule 5.4 fails.
   *
   * @throws Exception on failure
   */
  void required_rule5_2_unshareRunsInTheReceiver() throws Exception;

  /**
   * Rule 5.3: the value received is of exactly the sent class and equals the value sent. If
   * this fails, check that {@code unshare} rebuilds every part {@code share} took apart (and
   * your {@code sameValue}). Aborted while rule 5.4 fails.
   *
   * @throws Exception on failure
   */
  void required_rule5_3_roundTripGivesAnEqualValue() throws Exception;

  /**
   * Rule 5.4: the data {@code share} returns is shareable as is ({@code Shareables.isShareable}),
   * so nothing mutable crosses. If this fails, return immutable data: Strings, boxed
   * primitives, records of immutable components, {@code List.of}...
   *
   * @throws Exception on failure
   */
  void required_rule5_4_sharedDataIsImmutable() throws Exception;

  /**
   * Rule 5.6: a value received does not depend on its sender: values received before the
   * sender is closed, and values still queued when it is closed (delivered under the default
   * policy), are whole and equal to the value sent. If this fails, check that {@code unshare}
   * builds the whole value at once and keeps no link to the sending interpreter. Aborted while
   * rule 5.3 or 5.4 fails.
   *
   * @throws Exception on failure
   */
  void required_rule5_6_receivedValuesOutliveTheSender() throws Exception;

  /**
   * Rule 5.5 (optional: needs {@link SharerVerification#mutate}): no aliasing: the receiver never
   * gets the sender's own object; changing the original after the send does not change what the
   * receiver got; changing the received value does not change the original; two receivers do
   * not get the same object. If this fails, copy mutable state in {@code share} or {@code
   * unshare}, and build a new value in every {@code unshare}. The rule calls the sharer
   * directly (in the sending and the receiving interpreter), so that it is checked even while
   * rule 5.4 fails; it is reported as aborted while rule 5.3 fails.
   *
   * @throws Exception on failure
   */
  void optional_rule5_5_noAliasingOfMutableState() throws Exception;
}
