package org.crossinterp.conformance.selftest;

/** A sample interface reached through proxies. */
public interface Account {
  /**
   * Adds money.
   *
   * @param amount not negative
   * @return the new balance
   * @throws IllegalArgumentException if negative
   */
  int deposit(int amount);

  /**
   * Takes money out.
   *
   * @param amount at most the balance
   * @return the new balance
   * @throws OverdrawnException if the balance is too low
   */
  int withdraw(int amount);

  /** @return the balance */
  int balance();

  /** @return the holder's name */
  String holder();
}
