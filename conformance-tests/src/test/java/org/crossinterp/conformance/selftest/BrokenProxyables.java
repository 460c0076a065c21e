package org.crossinterp.conformance.selftest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crossinterp.conformance.ProxyableVerification;

/** A deliberately broken proxied type and its verification (a fixture for the testkit). */
final class BrokenProxyables {
  private BrokenProxyables() {}

  /** Runs every call on an executor thread of its own, outside the owning interpreter. */
  public static final class ExecutorAccount implements Account {
    private final BankAccount state = new BankAccount("bob");
    private final ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true).unstarted(r));

    private <T> T onMyThread(java.util.concurrent.Callable<T> work) {
      Future<T> f = executor.submit(work); // BUG: the work leaves the owning interpreter
      try {
        return f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int deposit(int amount) {
      return onMyThread(() -> state.deposit(amount));
    }

    @Override
    public int withdraw(int amount) {
      return onMyThread(() -> state.withdraw(amount));
    }

    @Override
    public int balance() {
      return onMyThread(state::balance);
    }

    @Override
    public String holder() {
      return onMyThread(state::holder);
    }

    @Override
    public String toString() {
      return "ExecutorAccount[" + state + "]";
    }
  }

  /** A correct account, with a verification whose author made one mistake. */
  abstract static class BankAccountFixture extends ProxyableVerification<Account> {
    @Override
    protected Class<Account> type() {
      return Account.class;
    }

    @Override
    protected Account createObject() {
      return new BankAccount("eve");
    }

    @Override
    protected void exercise(Account proxy) {
      proxy.deposit(10);
      proxy.withdraw(3);
      proxy.balance();
      proxy.holder();
    }

    @Override
    protected void callThatThrows(Account target) {
      target.withdraw(1_000_000);
    }
  }

  /** exercise() forgets a method: fails rule 5.10 only. */
  static class IncompleteExerciseFixture extends BankAccountFixture {
    @Override
    protected void exercise(Account proxy) {
      proxy.deposit(10);
      proxy.balance();
      proxy.holder();
    }
  }

  /** callThatThrows() does not throw: fails rule 5.16 only. */
  static class CallThatDoesNotThrowFixture extends BankAccountFixture {
    @Override
    protected void callThatThrows(Account target) {
      target.balance();
    }
  }

  /** Fails rule 5.11 only. */
  static class OwnExecutorFixture extends ProxyableVerification<Account> {
    @Override
    protected Class<Account> type() {
      return Account.class;
    }

    @Override
    protected Account createObject() {
      return new ExecutorAccount();
    }

    @Override
    protected void exercise(Account proxy) {
      proxy.deposit(10);
      proxy.withdraw(3);
      proxy.balance();
      proxy.holder();
    }

    @Override
    protected void callThatThrows(Account target) {
      target.withdraw(1_000_000);
    }
  }
}
