package org.crossinterp.examples;

/**
 * What one worker did, for the report's table of chunks per worker.
 *
 * @param worker the worker's name (its interpreter's or thread's)
 * @param chunks the number of chunks it counted
 */
record WorkerReport(String worker, long chunks) {}
