package org.crossinterp.peer;

import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * The baseline: the same Guava testlib suites with the same feature sets against the plain JDK
 * collections. All pass: the feature sets the proxies are held to are the JDK classes' own.
 */
public final class JdkBaselineTests {
  private JdkBaselineTests() {}

  public static Test suite() {
    TestSuite suite = new TestSuite("JDK collections (baseline)");
    suite.addTest(CollectionSuites.all(Placement.jdk()));
    return suite;
  }
}
