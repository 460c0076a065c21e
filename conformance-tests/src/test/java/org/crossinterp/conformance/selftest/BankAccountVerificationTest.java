package org.crossinterp.conformance.selftest;

import org.crossinterp.conformance.ProxyableVerification;

/** A correct proxied type passes the whole proxy kit, exception rule 5.16 included. */
class BankAccountVerificationTest extends ProxyableVerification<Account> {
  @Override
  protected Class<Account> type() {
    return Account.class;
  }

  @Override
  protected Account createObject() {
    return new BankAccount("ada");
  }

  @Override
  protected void exercise(Account proxy) {
    proxy.deposit(10);
    proxy.withdraw(3);
    if (proxy.balance() != 7 || !proxy.holder().equals("ada")) {
      throw new AssertionError("the proxy answered " + proxy.balance() + ", " + proxy.holder());
    }
  }

  @Override
  protected void callThatThrows(Account target) {
    target.withdraw(1_000_000);
  }
}
