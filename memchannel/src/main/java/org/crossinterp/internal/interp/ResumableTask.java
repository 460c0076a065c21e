package org.crossinterp.internal.interp;

/**
 * A pending call that records its own progress, so that it may be run again, from a shallower
 * stack, after it failed with {@link StackOverflowError} (crossinterp's own releases are; user
 * code never is, and runs at most once). Each step sets its flag the moment it completed and
 * is skipped once done, as {@link Frame}'s bookkeeping is.
 */
public interface ResumableTask extends Runnable {}
