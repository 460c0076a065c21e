package org.crossinterp.examples;

/**
 * What one worker did. Immutable: it crosses from the worker's interpreter to main as it is.
 *
 * @param worker the worker's name (its interpreter's or thread's)
 * @param chunks the number of chunks it counted
 * @param totals what it counted
 */
record WorkerReport(String worker, long chunks, Totals totals) {}
