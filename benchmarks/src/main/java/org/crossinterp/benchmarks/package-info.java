/**
 * JMH benchmarks for DESIGN.md section 8 (M1 to M4), each measured against its baseline in the
 * same run, and the tool that turns JMH's JSON result into {@code BENCHMARKS.md}.
 *
 * <p>Every benchmark thread stays in the main interpreter (it never calls {@code
 * Interpreter.call}), so what is measured is the channel itself: the export, the queue, the view
 * and the release that switches back to the origin as a pending call. Entering an interpreter
 * costs a lock and a {@code ScopedValue} binding on top, the same for every payload size.
 */
package org.crossinterp.benchmarks;
