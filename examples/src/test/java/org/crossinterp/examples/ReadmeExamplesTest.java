package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.memchannel.SharedBuffer;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Proxies;
import org.crossinterp.proxygen.ProxyClass;
import org.crossinterp.proxygen.ProxyFactory;
import org.crossinterp.strview.StrView;
import org.crossinterp.strview.Tokenizer;
import org.junit.jupiter.api.Test;

/** The README's examples, one per layer, as written there: they compile and do what it says. */
class ReadmeExamplesTest {

  @Test
  void interpretersAndMemChannel() throws Exception {
    try (Interpreter producer = Interpreter.create("producer");
        Interpreter consumer = Interpreter.create("consumer")) {
      MemChannel channel = MemChannel.create(16);
      SharedBuffer buffer = producer.call(() -> SharedBuffer.allocate(1 << 20));
      producer.call(() -> {
        buffer.segment().fill((byte) 7);
        channel.send(buffer);
        return null;
      });
      byte first = consumer.call(() -> {
        try (CrossInterpreterView view = channel.recv()) {
          return view.segment().get(ValueLayout.JAVA_BYTE, 0);
        }
      });
      assertEquals(7, first);
      assertEquals(0, producer.liveShares());
      buffer.close();
    }
  }

  @Test
  void strview() throws Exception {
    MemChannel channel = MemChannel.create();
    StrView text = StrView.encode("GET /index.html 200");
    channel.send(text);
    List<Integer> hashes = new ArrayList<>();
    try (StrView got = StrView.of(channel.recv())) {
      Tokenizer words = got.tokens(' ');
      while (words.next()) {
        hashes.add(words.hash());
      }
    }
    text.release();
    assertEquals(List.of("GET".hashCode(), "/index.html".hashCode(), "200".hashCode()), hashes);
    assertEquals(0, Interpreter.main().liveShares());
  }

  @Test
  void proxyGen() {
    ProxyClass<Runnable> pc = ProxyFactory.standard().proxyClass(Runnable.class);
    int[] ran = new int[1];
    Runnable real = () -> ran[0]++;
    Runnable proxy =
        pc.newInstance((self, methodId, args) -> pc.invoker().invoke(real, methodId, args));
    proxy.run();
    assertEquals(1, ran[0]);
  }

  @Test
  void objchannel() throws Exception {
    try (Interpreter worker = Interpreter.create("worker")) {
      ObjChannel channel = ObjChannel.create();
      List<String> log = new ArrayList<>(List.of("started"));
      channel.send(log);
      int size = worker.call(() -> {
        List<?> remote = channel.recv(List.class);
        assertTrue(Proxies.isProxy(remote));
        int n = remote.size();
        Proxies.release(remote);
        return n;
      });
      assertEquals(1, size);
      assertEquals(0, Interpreter.main().liveShares());
    }
  }
}
