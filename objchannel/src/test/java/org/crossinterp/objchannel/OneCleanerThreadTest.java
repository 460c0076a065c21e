package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.strview.StrView;
import org.junit.jupiter.api.Test;

/**
 * Views, proxies and encoded StrViews are tracked by one leak tracker on one cleaner thread:
 * after all three modules were used (and their classes initialised), exactly one crossinterp
 * cleaner thread exists.
 */
class OneCleanerThreadTest extends ObjTestSupport {

  @Test
  void oneCleanerThreadServesViewsProxiesAndEncodedText() throws Exception {
    Interpreter a = interp("cleaner-owner");
    MemChannel bytes = MemChannel.create();
    ObjChannel objects = ObjChannel.create();
    a.run(
        () -> {
          ShareablesTest.sendUnchecked(bytes, new byte[] {1, 2, 3});
          ShareablesTest.sendUnchecked(objects, new BoxImpl("boxed"));
        });
    bytes.recv().release();
    Box box = objects.recv(Box.class);
    assertEquals("boxed", box.get());
    Proxies.release(box);
    try (StrView text = a.call(() -> StrView.encode("encoded"))) {
      assertEquals("encoded", text.toString());
    }
    List<String> cleaners =
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter(n -> n.startsWith("crossinterp") && n.contains("cleaner"))
            .toList();
    assertEquals(List.of("crossinterp-cleaner"), cleaners);
  }
}
