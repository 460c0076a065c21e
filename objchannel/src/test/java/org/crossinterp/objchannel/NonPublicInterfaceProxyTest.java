package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.recvUnchecked;
import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.proxygen.ProxyFactory;
import org.junit.jupiter.api.Test;

/**
 * The most common test-code declaration, a public interface nested in a package-private class,
 * implemented by a package-private final class: the object crosses as a proxy of that interface,
 * whose class proxy-gen defines in this package.
 *
 * <p>These tests run on the module path, patched into module {@code org.crossinterp.objchannel},
 * which does not open this package to proxy-gen: the object is refused, with the {@code opens}
 * line that fixes it, until the test opens the package as that line would (on the class path,
 * where most users are, nothing needs opening). Opening is for the whole JVM and cannot be
 * undone, so the refusal and the crossing are one test, in that order.
 */
class NonPublicInterfaceProxyTest extends ObjTestSupport {

  static class Holder {
    /** Public, but nested in a package-private class. */
    public interface Tally {
      int add(int n);

      Tally self();
    }
  }

  static final class RealTally implements Holder.Tally {
    int total;

    @Override
    public int add(int n) {
      return total += n;
    }

    @Override
    public Holder.Tally self() {
      return this;
    }
  }

  /** Sent before the package is opened; a class of its own (refusals are cached per class). */
  static final class UnopenedTally implements Holder.Tally {
    @Override
    public int add(int n) {
      return n;
    }

    @Override
    public Holder.Tally self() {
      return this;
    }
  }

  @Test
  void anObjectWhoseOnlyInterfaceIsNestedInAPackagePrivateClassCrossesAsAProxy()
      throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    Module here = getClass().getModule();
    Module proxyGen = ProxyFactory.class.getModule();
    String pkg = getClass().getPackageName();
    assertFalse(here.isOpen(pkg, proxyGen), "nothing opened the package before this test");
    NotShareableException refused = assertThrows(NotShareableException.class,
        () -> a.run(() -> sendUnchecked(ch, new UnopenedTally())));
    for (String mention : List.of(UnopenedTally.class.getName(), "not accessible",
        "'opens " + pkg + " to org.crossinterp.proxygen;'")) {
      assertTrue(refused.getMessage().contains(mention),
          "should mention " + mention + ": " + refused.getMessage());
    }

    here.addOpens(pkg, proxyGen); // what 'opens ... to org.crossinterp.proxygen;' declares
    RealTally real = a.call(RealTally::new);
    a.run(() -> sendUnchecked(ch, real));
    b.run(
        () -> {
          Holder.Tally p = recvUnchecked(ch, Holder.Tally.class);
          assertTrue(Proxies.isProxy(p));
          assertSame(a, Proxies.owner(p));
          assertEquals(getClass().getPackageName(), p.getClass().getPackageName());
          assertEquals(2, p.add(2));
          assertEquals(5, p.add(3));
          assertSame(p, p.self(), "the same object arrives as the same proxy");
          Proxies.release(p); // the second reference, from self()
          Proxies.release(p);
        });
    assertEquals(5, real.total, "the calls ran on the real object in a");
  }
}
