package org.crossinterp.conformance;

/**
 * The rules a channel keeps (DESIGN §2, channel operations), one test each in {@link
 * ChannelVerification}. Each rule says what to check when it fails.
 */
public interface ChannelRules {
  /**
   * Rule 2.20: items arrive in the order they were sent, none lost, none added. If this fails,
   * check the queue.
   *
   * @throws Exception on failure
   */
  void required_rule2_20_itemsArriveInOrder() throws Exception;

  /**
   * Rule 2.21: {@code null} is refused with {@link NullPointerException} and nothing changes.
   *
   * @throws Exception on failure
   */
  void required_rule2_21_nullIsRefusedAndChangesNothing() throws Exception;

  /**
   * Rule 2.22: a negative capacity or timeout is refused with {@link IllegalArgumentException}.
   *
   * @throws Exception on failure
   */
  void required_rule2_22_negativeCapacityAndTimeoutAreRefused() throws Exception;

  /**
   * Rule 2.23: a full bounded channel refuses {@code trySend} and times out {@code send}, and
   * the sender keeps its item (nothing pinned). If this fails, check capacity accounting and
   * what a failed send releases.
   *
   * @throws Exception on failure
   */
  void required_rule2_23_fullChannelRefusesAndTheSenderKeepsTheItem() throws Exception;

  /**
   * Rule 2.24: at capacity 0 a send returns only once its item was received.
   *
   * @throws Exception on failure
   */
  void required_rule2_24_rendezvousSendReturnsOnceReceived() throws Exception;

  /**
   * Rule 2.25: an empty channel answers {@code tryRecv} and a timed {@code recv} with null.
   *
   * @throws Exception on failure
   */
  void required_rule2_25_emptyChannelAnswersNull() throws Exception;

  /**
   * Rule 2.26: after {@code closeSend} the items already sent are delivered, further sends fail,
   * and once drained receives fail with {@code ChannelClosedException}.
   *
   * @throws Exception on failure
   */
  void required_rule2_26_closeSendDeliversWhatWasSentThenCloses() throws Exception;

  /**
   * Rule 2.27: {@code close} with items pending throws {@code ChannelNotEmptyException} and
   * changes nothing; on an empty channel it closes and is idempotent.
   *
   * @throws Exception on failure
   */
  void required_rule2_27_closeWithItemsThrowsAndChangesNothing() throws Exception;

  /**
   * Rule 2.28: {@code closeNow} returns the undelivered items, received, and wakes a waiting
   * receiver with {@code ChannelClosedException}.
   *
   * @throws Exception on failure
   */
  void required_rule2_28_closeNowHandsOverTheItemsAndWakesWaiters() throws Exception;

  /**
   * Rule 2.29: many producers and consumers in many interpreters, over a small bounded
   * channel: every item is delivered exactly once, and once the producers are done {@code
   * closeSend} lets the consumers drain and stop. If this fails, check the channel's
   * synchronisation.
   *
   * @throws Exception on failure
   */
  void required_rule2_29_everyItemIsDeliveredExactlyOnce() throws Exception;

  /**
   * Rule 2.30: a receiver waiting inside an interpreter does not block other threads' calls
   * into that interpreter. If this fails, check that waits release the interpreter lock.
   *
   * @throws Exception on failure
   */
  void required_rule2_30_waitingReleasesTheInterpreter() throws Exception;

  /**
   * Rule 2.31 (optional: needs {@link ChannelVerification#createChannel(int,
   * org.crossinterp.UnboundPolicy)}): items of a closed sending interpreter follow the channel's
   * unbound-item policy when they are bound to it ({@link ChannelVerification#isBound}): ERROR
   * consumes the item and throws {@code ItemInterpreterClosedException}, REMOVE drops it,
   * DELIVER delivers it; items bound to no interpreter (immutable values) are delivered under
   * every policy. If this fails, check what the channel does with queued items when their
   * sender is closed.
   *
   * @throws Exception on failure
   */
  void optional_rule2_31_unboundItemsFollowThePolicy() throws Exception;
}
