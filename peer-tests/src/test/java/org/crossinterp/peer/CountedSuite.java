package org.crossinterp.peer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import junit.framework.AssertionFailedError;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestListener;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.crossinterp.objchannel.Proxies;

/**
 * One collection's suite, run where its {@link Placement} runs tests, counted on its own (tests
 * run, failed) into {@link Summary}.
 *
 * <p>After each test it gives the test's proxies back: the ones the generator received are
 * released ({@link Placement#afterTest}), and the test's fields that hold a proxy (Guava's
 * testers keep their container in a field, and JUnit keeps every test object until the run ends)
 * are cleared, so that derived proxies (sub-lists, views, iterators) are left to the collector
 * and the owner's {@code liveShares()} can return to 0.
 */
final class CountedSuite extends TestSuite {
  private final String collection;
  private final Placement placement;

  CountedSuite(String collection, Placement placement, Test tests) {
    super(collection + " @ " + placement.label());
    this.collection = collection;
    this.placement = placement;
    addLeaves(tests);
  }

  /**
   * Guava's suites are trees as deep as their derivations (a TreeMap's sub-map's descending
   * map's entry set, each level per collection size). Surefire resolves every test event by
   * walking the test's ancestors and parsing their unique ids, which name every level: about a
   * millisecond per test at that depth, the better part of the module's time, and tester
   * suites named after the tester class are reported as test classes of their own (Surefire
   * rewrites the class's XML report as each completes: quadratic). So the suite is flattened to
   * its tests: they run in the same order with the same setUp and tearDown, and each test's name
   * still names its whole derivation ({@code testX[TreeMap @ ... subMap ... descending ...]}).
   */
  private void addLeaves(Test test) {
    if (test instanceof TestSuite suite) {
      for (int i = 0; i < suite.testCount(); i++) {
        addLeaves(suite.testAt(i));
      }
    } else {
      addTest(test);
    }
  }

  @Override
  public void run(TestResult result) {
    Counter counter = new Counter();
    result.addListener(counter);
    long start = System.nanoTime();
    try {
      placement.runTests(() -> super.run(result));
    } finally {
      result.removeListener(counter);
      Summary.record(
          placement.label(),
          collection,
          counter.run,
          counter.failed,
          (System.nanoTime() - start) / 1_000_000);
    }
  }

  private final class Counter implements TestListener {
    int run;
    /** Failed tests (a test counts once even if it fails and then errs in tearDown). */
    final Map<Test, Throwable> failed = new LinkedHashMap<>();

    @Override
    public void startTest(Test test) {
      run++;
    }

    @Override
    public void addError(Test test, Throwable e) {
      failed.putIfAbsent(test, e);
    }

    @Override
    public void addFailure(Test test, AssertionFailedError e) {
      failed.putIfAbsent(test, e);
    }

    @Override
    public void endTest(Test test) {
      placement.afterTest();
      forgetProxies(test);
    }
  }

  private static void forgetProxies(Test test) {
    if (!(test instanceof TestCase)) {
      return;
    }
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> k = test.getClass(); k != TestCase.class && seen.add(k); k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isFinal(m) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object value = f.get(test);
          if (value != null && Proxies.isProxy(value)) {
            f.set(test, null);
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException("cannot clear " + f + " of " + test, e);
        }
      }
    }
  }
}
