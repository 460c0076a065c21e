/**
 * JDK Flight Recorder events of crossinterp: interpreter switches (with the wait for the lock),
 * channel sends and receives (with the queue size), share releases (where, and how long after
 * creation) and leaks. Disabled events cost an allocation the JIT removes and one branch.
 */
package org.crossinterp.internal.jfr;
