package org.crossinterp.proxygen.classpath;

/**
 * Test-code declarations as they usually are, for {@code ClassPathTest}, which loads this package
 * in a class loader of its own: on the class path, in an unnamed module. Its public static
 * methods are the test's way in, since the test cannot name the non-public types.
 */
public final class ClassPathFixtures {
  private ClassPathFixtures() {}

  /**
   * The real object: a package-private final class whose interfaces are not public.
   *
   * @return a new {@code Greeter}
   */
  public static Object greeter() {
    return new Greeter();
  }

  /**
   * Calls {@code greet} the way test code would, through the nested interface.
   *
   * @param greets an object implementing {@code Holder.Greets}
   * @param who the argument
   * @return the greeting
   */
  public static String greet(Object greets, String who) {
    return ((Holder.Greets) greets).greet(who);
  }

  /**
   * Calls {@code next} through the package-private interface.
   *
   * @param counts an object implementing {@code Counts}
   * @return its result
   */
  public static int next(Object counts) {
    return ((Counts) counts).next();
  }
}

class Holder {
  /** Public, but nested in a package-private class. */
  public interface Greets {
    String greet(String who);
  }
}

interface Counts {
  int next();
}

final class Greeter implements Holder.Greets, Counts {
  private int count;

  @Override
  public String greet(String who) {
    return "hello " + who;
  }

  @Override
  public int next() {
    return ++count;
  }
}

/** Package-private, with a package-private constructor: proxied by subclassing in this package. */
class Tally {
  int n;

  public int next() {
    return ++n;
  }
}
