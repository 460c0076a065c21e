package org.crossinterp.proxygen.other;

import java.lang.invoke.MethodHandles;
import org.crossinterp.proxygen.NonPublicTypesTest;

/** Hands out a lookup of another package of the module, to test access across packages. */
public final class OtherPackage {
  private OtherPackage() {}

  /** Package-private, in another package than the tests' own package-private types. */
  interface Elsewhere {
    String where();
  }

  /** Implements a package-private interface of this package and, inherited, one of the tests'. */
  public static final class TwoHomes extends NonPublicTypesTest.HomeOne implements Elsewhere {
    @Override
    public String where() {
      return "elsewhere";
    }
  }

  /**
   * A full-privilege lookup in this package.
   *
   * @return the lookup
   */
  public static MethodHandles.Lookup lookup() {
    return MethodHandles.lookup();
  }

  /**
   * The package-private interface of this package.
   *
   * @return {@code Elsewhere}
   */
  public static Class<?> elsewhere() {
    return Elsewhere.class;
  }
}
