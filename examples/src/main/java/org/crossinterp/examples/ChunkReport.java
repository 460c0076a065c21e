package org.crossinterp.examples;

import org.crossinterp.strview.StrView;

/**
 * What a worker counted in one chunk, as it reports it to the {@link StatsSink} in main.
 *
 * <p>Shareable as is ({@code Shareables.isShareable} is true): a record whose components are a
 * String, numbers and {@link StrView}s, all immutable, so it crosses into main as the identical
 * object, and a proxy call that takes it packs nothing. The word counts are text ({@link
 * CountsText}) read in place: no String per word crosses.
 *
 * <p>The two StrViews read the sending worker's buffers and are valid only during the call that
 * carries them: the receiver copies what it keeps (into its own tables) and does not hold on to
 * them; the sender {@link #release()}s them when the call returns, then reuses the buffers.
 *
 * @param worker the name of the worker (its interpreter's or thread's)
 * @param lines lines counted (newlines, plus one for a last line without one)
 * @param words words counted: maximal runs of bytes other than ASCII white space
 * @param bytes bytes counted
 * @param firstWords for each word that starts a line, the number of lines it starts ({@link
 *     CountsText})
 * @param wordCounts for each word, the number of times it occurs ({@link CountsText})
 */
public record ChunkReport(
    String worker, long lines, long words, long bytes, StrView firstWords, StrView wordCounts) {

  /** Releases both texts. Called by the sender once the call that carried them returned. */
  void release() {
    firstWords.release();
    wordCounts.release();
  }
}
