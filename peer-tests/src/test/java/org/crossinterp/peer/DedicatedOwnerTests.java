package org.crossinterp.peer;

import junit.framework.Test;
import junit.framework.TestSuite;
import org.crossinterp.Interpreter;

/**
 * Guava testlib suites against JDK collections owned by a dedicated-thread interpreter (every
 * call runs on its thread) and used only through objchannel proxies from another interpreter,
 * which the tests run in.
 */
public final class DedicatedOwnerTests {
  private DedicatedOwnerTests() {}

  public static Test suite() {
    Placement.Proxied p =
        Placement.proxied(
            "dedicated-thread owner",
            Interpreter.builder().name("peer-dedicated-owner").dedicatedThread(true).build(),
            Interpreter.create("peer-tests-d"));
    TestSuite suite = new TestSuite("JDK collections owned by a dedicated-thread interpreter");
    suite.addTest(CollectionSuites.all(p));
    suite.addTest(new LeakCheck(p, p.structuralShares()));
    return suite;
  }
}
