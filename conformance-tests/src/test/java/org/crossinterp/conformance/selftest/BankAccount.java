package org.crossinterp.conformance.selftest;

/** A correct proxied type: plain single-threaded state, all work on the calling thread. */
public final class BankAccount implements Account {
  private final String holder;
  private int balance;

  /** @param holder the holder's name */
  public BankAccount(String holder) {
    this.holder = holder;
  }

  @Override
  public int deposit(int amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative deposit " + amount);
    }
    return balance += amount;
  }

  @Override
  public int withdraw(int amount) {
    if (amount > balance) {
      throw new OverdrawnException("balance " + balance + " < " + amount);
    }
    return balance -= amount;
  }

  @Override
  public int balance() {
    return balance;
  }

  @Override
  public String holder() {
    return holder;
  }

  @Override
  public String toString() {
    return "BankAccount[" + holder + ", " + balance + "]";
  }
}
