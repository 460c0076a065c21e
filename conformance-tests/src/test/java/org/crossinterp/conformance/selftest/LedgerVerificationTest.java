package org.crossinterp.conformance.selftest;

import java.util.ArrayList;
import java.util.List;
import org.crossinterp.conformance.ProxyableVerification;
import org.crossinterp.objchannel.Proxies;

/**
 * An interface with a default method, an overload, a primitive array, a mutable result, a
 * callback and a checked exception passes the whole proxy kit.
 */
class LedgerVerificationTest extends ProxyableVerification<Ledger> {
  @Override
  protected Class<Ledger> type() {
    return Ledger.class;
  }

  @Override
  protected Ledger createObject() {
    return new ArrayLedger();
  }

  @Override
  protected void exercise(Ledger proxy) throws Exception {
    proxy.audit("fine");
    proxy.record("a");
    proxy.record("b", 2);
    proxy.record("c");
    proxy.record("d");
    check(proxy.total(new long[] {1, 2, 3}) == 6, "total");
    List<String> entries = proxy.entries();
    try {
      check(entries.size() == 5 && entries.get(4).equals("d"), "entries " + entries);
    } finally {
      Proxies.release(entries);
    }
    check(proxy.count() == 5, "count");
    List<String> seen = new ArrayList<>();
    proxy.forEach(seen::add);
    check(seen.equals(List.of("a", "b", "b", "c", "d")), "forEach " + seen);
  }

  @Override
  protected void callThatThrows(Ledger target) throws Exception {
    target.audit("");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("the proxy answered wrongly: " + what);
    }
  }
}
