package org.crossinterp.peer;

import junit.framework.Test;
import junit.framework.TestSuite;
import org.crossinterp.Interpreter;

/**
 * Guava testlib suites against JDK collections owned by an ordinary interpreter and used only
 * through objchannel proxies from another interpreter, which the tests run in.
 */
public final class OrdinaryOwnerTests {
  private OrdinaryOwnerTests() {}

  public static Test suite() {
    Placement.Proxied p =
        Placement.proxied(
            "ordinary owner",
            Interpreter.create("peer-owner"),
            Interpreter.create("peer-tests"));
    TestSuite suite = new TestSuite("JDK collections owned by an ordinary interpreter");
    suite.addTest(CollectionSuites.all(p));
    suite.addTest(new LeakCheck(p, p.structuralShares()));
    return suite;
  }
}
