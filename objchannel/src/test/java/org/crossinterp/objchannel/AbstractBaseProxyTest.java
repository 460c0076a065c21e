package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ProxyCallTest.proxyOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.io.Writer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;

/**
 * Which types a proxy is an instance of: the object's public interfaces, plus its nearest
 * public abstract superclass that declares methods of its own (so I/O objects arrive as what
 * they are), but not a skeletal implementation that adds nothing to its interfaces.
 */
class AbstractBaseProxyTest extends ObjTestSupport {

  @Test
  void anAbstractClassWithMethodsOfItsOwnIsExtended() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Writer w = proxyOf(a, b, new StringWriter(), Writer.class);
    b.run(
        () -> {
          try {
            w.write("through ");
            w.append("a Writer");
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
        });
    assertEquals("through a Writer", b.call(w::toString), "toString goes to the original");
    assertEquals(2, Proxies.refCount(w), "append returned the writer: the same proxy, once more");
    Proxies.release(w);
    Number n = proxyOf(a, b, new AtomicLong(41), Number.class);
    assertEquals(41L, b.call(n::longValue));
    Proxies.release(w);
    Proxies.release(n);
  }

  @Test
  void aSkeletalImplementationIsNotExtended() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    List<?> list = proxyOf(a, b, new ArrayList<>(List.of("x")), List.class);
    assertFalse(list instanceof AbstractList, "List says it all; AbstractList adds nothing");
    assertTrue(Proxies.isProxy(list));
    Proxies.release(list);
  }
}
