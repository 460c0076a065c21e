package org.crossinterp.conformance;

/**
 * The rules a {@link org.crossinterp.memchannel.BufferExporter} keeps (DESIGN §2), one test
 * each in {@link BufferExporterVerification}. Each rule says what to check when it fails. An
 * exception thrown by the exporter's {@code acquireExport} or {@code releaseExport} fails the
 * rule that was being checked (MemChannel only logs exceptions of releases, which run as
 * pending calls).
 */
public interface BufferExporterRules {
  /**
   * Rule 2.1: {@code acquireExport} returns live memory that other threads and interpreters may
   * read (global, automatic, shared-arena or heap; never a confined arena), so MemChannel
   * accepts it. If this fails, check the arena your memory comes from. While it fails the other
   * rules cannot be checked and are reported as aborted.
   *
   * @throws Exception on failure
   */
  void required_rule2_1_acquireReturnsLiveMemoryReadableByOtherThreads() throws Exception;

  /**
   * Rule 2.2: every send acquires once and releases once, with the same memory, and releasing
   * one export leaves the memory of the others live and unchanged. If this fails, check that
   * {@code releaseExport} counts the live exports instead of assuming it is called once in all
   * (free the memory when the last export ends, not the first).
   *
   * @throws Exception on failure
   */
  void required_rule2_2_eachSendAcquiresOnceAndReleasesOnce() throws Exception;

  /**
   * Rule 2.3: {@code acquireExport} and {@code releaseExport} run in the sending interpreter,
   * even when the receiver releases its view from another interpreter or thread; the release
   * then runs on a thread other than the one that acquired. If this fails, check that your
   * release does not depend on the acquiring thread (thread-locals, confined arenas) and does
   * not throw.
   *
   * @throws Exception on failure
   */
  void required_rule2_3_releaseRunsInOrigin() throws Exception;

  /**
   * Rule 2.4: no release before the last share: a view, a share of it and a slice keep the
   * export alive, its bytes readable, until all three are released. If this fails, check that
   * your exporter frees its memory only in {@code releaseExport}, never on its own (from a
   * finalizer, a cleaner or another thread).
   *
   * @throws Exception on failure
   */
  void required_rule2_4_noReleaseBeforeTheLastShare() throws Exception;

  /**
   * Rule 2.5: exactly one release per send when the shares of several sends are released
   * concurrently (and twice each) from many threads. If this fails, check the thread-safety of
   * your release bookkeeping.
   *
   * @throws Exception on failure
   */
  void required_rule2_5_exactlyOnceUnderConcurrentReleases() throws Exception;

  /**
   * Rule 2.6: the contents read through a view are the exporter's bytes. If this fails, check
   * that {@code acquireExport} returns the memory itself, not a fresh buffer.
   *
   * @throws Exception on failure
   */
  void required_rule2_6_viewShowsTheExportersBytes() throws Exception;

  /**
   * Rule 2.7: memory stays readable through a view after the sending interpreter is closed,
   * until the view is released; then it is released once. If this fails, check that closing
   * the owner does not free exported memory.
   *
   * @throws Exception on failure
   */
  void required_rule2_7_readableAfterOriginClosed() throws Exception;

  /**
   * Rule 2.8: once every export is released the exporter can be exported again. If this fails,
   * check the state your exporter keeps between exports.
   *
   * @throws Exception on failure
   */
  void required_rule2_8_exportableAgainAfterRelease() throws Exception;

  /**
   * Rule 2.9 (optional: needs {@link BufferExporterVerification#write}): zero-copy: a write by
   * the owner after the send is visible through the view. If this fails, check that you do not
   * copy in {@code acquireExport}.
   *
   * @throws Exception on failure
   */
  void optional_rule2_9_writesAfterSendAreVisible() throws Exception;
}
