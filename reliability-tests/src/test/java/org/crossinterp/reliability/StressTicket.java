package org.crossinterp.reliability;

import java.util.function.IntSupplier;

/**
 * A mutable object a stress run sends: it crosses as a proxy, and says its id through a call to
 * its owner. Public, so that proxies of it can be generated.
 */
public interface StressTicket extends IntSupplier {}
