package org.crossinterp.proxygen.other;

import java.lang.invoke.MethodHandles;

/** Hands out a lookup of another package of the module, to test access across packages. */
public final class OtherPackage {
  private OtherPackage() {}

  /**
   * A full-privilege lookup in this package.
   *
   * @return the lookup
   */
  public static MethodHandles.Lookup lookup() {
    return MethodHandles.lookup();
  }
}
