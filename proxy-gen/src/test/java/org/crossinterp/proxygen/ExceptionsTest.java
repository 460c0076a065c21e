package org.crossinterp.proxygen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What the real object or the dispatcher throws reaches the caller unchanged, checked or not. */
public class ExceptionsTest {

  /** Methods declaring checked exceptions, and one declaring none. */
  public interface Risky {
    String read(String path) throws IOException;

    void both() throws IOException, InterruptedException;

    <E extends Exception> void generic(E e) throws E;

    int plain();
  }

  static final class RealRisky implements Risky {
    Throwable next;

    @Override
    public String read(String path) throws IOException {
      if (next instanceof IOException e) {
        throw e;
      }
      throw (RuntimeException) next;
    }

    @Override
    public void both() throws IOException, InterruptedException {
      if (next instanceof InterruptedException e) {
        throw e;
      }
      throw (IOException) next;
    }

    @Override
    public <E extends Exception> void generic(E e) throws E {
      throw e;
    }

    @Override
    public int plain() {
      throw (Error) next;
    }
  }

  @Test
  void checkedExceptionsOfTheRealObjectPassThroughTheInvokerUnchanged() {
    ProxyClass<Risky> pc = ProxyFactory.standard().proxyClass(Risky.class);
    RealRisky real = new RealRisky();
    Risky p = pc.newInstance(new Forwarder(pc, real));

    FileNotFoundException fnf = new FileNotFoundException("nope");
    real.next = fnf;
    assertSame(fnf, assertThrows(FileNotFoundException.class, () -> p.read("x")));

    InterruptedException ie = new InterruptedException("stop");
    real.next = ie;
    assertSame(ie, assertThrows(InterruptedException.class, p::both));

    TimeoutException sql = new TimeoutException("generic");
    assertSame(sql, assertThrows(TimeoutException.class, () -> p.generic(sql)));
  }

  @Test
  void uncheckedExceptionsAndErrorsPassThroughUnchanged() {
    ProxyClass<Risky> pc = ProxyFactory.standard().proxyClass(Risky.class);
    RealRisky real = new RealRisky();
    Risky p = pc.newInstance(new Forwarder(pc, real));

    IllegalStateException ise = new IllegalStateException("bad");
    real.next = ise;
    assertSame(ise, assertThrows(IllegalStateException.class, () -> p.read("x")));

    StackOverflowError soe = new StackOverflowError("deep");
    real.next = soe;
    assertSame(soe, assertThrows(StackOverflowError.class, p::plain));
  }

  @Test
  void aCheckedExceptionTheMethodDoesNotDeclareStillArrivesUnwrapped() {
    // No UndeclaredThrowableException as with java.lang.reflect.Proxy: the dispatcher decides.
    IOException io = new IOException("undeclared");
    Risky p =
        ProxyFactory.standard().proxyClass(Risky.class).newInstance((proxy, id, args) -> {
          throw io;
        });
    Throwable thrown = assertThrows(Throwable.class, p::plain);
    assertSame(io, thrown);
  }

  @Test
  void theGeneratedMethodsDeclareTheInterfacesCheckedExceptions() throws Exception {
    Class<?> type = ProxyFactory.standard().proxyClass(Risky.class).type();
    assertEquals(List.of(IOException.class),
        List.of(type.getMethod("read", String.class).getExceptionTypes()));
    assertEquals(List.of(IOException.class, InterruptedException.class),
        List.of(type.getMethod("both").getExceptionTypes()));
  }

  @Test
  void aCallableProxyThrowsWhatTheTargetThrows() throws Exception {
    @SuppressWarnings("rawtypes")
    ProxyClass<Callable> pc = ProxyFactory.standard().proxyClass(Callable.class);
    Exception boom = new Exception("boom");
    Callable<?> real = () -> {
      throw boom;
    };
    Callable<?> p = pc.newInstance(new Forwarder(pc, real));
    assertSame(boom, assertThrows(Exception.class, p::call));
    Callable<?> ok = pc.newInstance(new Forwarder(pc, (Callable<String>) () -> "fine"));
    assertTrue("fine".equals(ok.call()));
  }
}
