package org.crossinterp.conformance;

/**
 * The rules a {@link org.crossinterp.objchannel.Sharer} keeps (DESIGN §5 rule 2), one test each
 * in {@link SharerVerification}. Each rule says what to check when it fails.
 */
public interface SharerRules {
  /**
   * Rule 5.1: {@code share} runs in the sending interpreter, on the sending thread. If this
   * fails, check that your sharer does not defer its work to another thread.
   *
   * @throws Exception on failure
   */
  void required_rule5_1_shareRunsInTheSender() throws Exception;

  /**
   * Rule 5.2: {@code unshare} runs in the receiving interpreter. If this fails, check that your
   * sharer does not build the value eagerly in {@code share}.
   *
   * @throws Exception on failure
   */
  void required_rule5_2_unshareRunsInTheReceiver() throws Exception;

  /**
   * Rule 5.3: the value received equals the value sent. If this fails, check that {@code
   * unshare} rebuilds every part {@code share} took apart (and your {@code sameValue}).
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
   * Rule 5.5 (optional: needs {@link SharerVerification#mutate}): no aliasing: changing the
   * original after the send does not change what the receiver gets, and changing the received
   * value does not change the original. If this fails, copy mutable state in {@code share} or
   * {@code unshare}.
   *
   * @throws Exception on failure
   */
  void optional_rule5_5_noAliasingOfMutableState() throws Exception;
}
