/**
 * JMH benchmarks for DESIGN.md section 8 (M1 to M4, S1, P1, P2), each measured against its
 * baseline in the same run, and the tool that turns JMH's JSON result into {@code BENCHMARKS.md}.
 *
 * <p>The MemChannel benchmarks (M1 to M4) keep their threads in the main interpreter (they never
 * call {@code Interpreter.call}), so what is measured is the channel itself: the export, the
 * queue, the view and the release that switches back to the origin as a pending call. Entering
 * an interpreter costs a lock and a {@code ScopedValue} binding on top, the same for every
 * payload size. The proxy-call benchmarks (P1) measure exactly that switch, from inside a second
 * interpreter; StrView (S1) and proxy generation (P2) involve no interpreter.
 */
package org.crossinterp.benchmarks;
