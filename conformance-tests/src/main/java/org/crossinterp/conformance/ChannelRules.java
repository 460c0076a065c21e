package org.crossinterp.conformance;

/**
 * The rules a channel keeps (DESIGN §2, channel operations), one test each in {@link
 * ChannelVerification}. Each rule says what to check when it fails. Every test ends with the
 * leak check: a receiver that does not release what it received, or a channel that keeps a
 * share of what passed through it, fails it.
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
   * Rule 2.21: {@code null} is refused with {@link NullPointerException} by every send, and
   * nothing changes. If this fails, check the argument checks of {@code send} and {@code
   * trySend}: they must come before anything is queued.
   *
   * @throws Exception on failure
   */
  void required_rule2_21_nullIsRefusedAndChangesNothing() throws Exception;

  /**
   * Rule 2.22: a negative capacity or timeout is refused with {@link IllegalArgumentException},
   * and nothing changes. If this fails, check the argument checks of the factory and of the
   * timed operations.
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
   * Rule 2.24: at capacity 0 a send returns only once its item was received; a timed send
   * nobody receives returns false and withdraws its item. If this fails, check the rendezvous
   * hand-off and the withdrawal on timeout.
   *
   * @throws Exception on failure
   */
  void required_rule2_24_rendezvousSendReturnsOnceReceived() throws Exception;

  /**
   * Rule 2.25: an empty channel answers {@code tryRecv} and a timed {@code recv} with null. If
   * this fails, check that an empty open channel is not mistaken for a closed one.
   *
   * @throws Exception on failure
   */
  void required_rule2_25_emptyChannelAnswersNull() throws Exception;

  /**
   * Rule 2.26: after {@code closeSend} the items already sent are delivered, further sends fail,
   * and once drained receives fail with {@code ChannelClosedException}. If this fails, check the
   * half-closed state: closed for senders, open for receivers until drained.
   *
   * @throws Exception on failure
   */
  void required_rule2_26_closeSendDeliversWhatWasSentThenCloses() throws Exception;

  /**
   * Rule 2.27: {@code close} with items pending throws {@code ChannelNotEmptyException} and
   * changes nothing; on an empty channel it closes and is idempotent. If this fails, check that
   * {@code close} looks at the queue before it changes state.
   *
   * @throws Exception on failure
   */
  void required_rule2_27_closeWithItemsThrowsAndChangesNothing() throws Exception;

  /**
   * Rule 2.28: {@code closeNow} returns the undelivered items, received, and wakes a waiting
   * receiver with {@code ChannelClosedException}. If this fails, check that {@code closeNow}
   * hands the queue over instead of dropping it, and signals every waiter.
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
