package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ShareablesTest.recvUnchecked;
import static org.crossinterp.objchannel.ShareablesTest.sendUnchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.SequencedCollection;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;

/**
 * A {@code LinkedList} is a {@code List} and a {@code Deque}, whose {@code reversed()} methods
 * return {@code List} and {@code Deque} (Java 21). Its proxy has one {@code reversed()} per
 * descriptor, and each result arrives as a proxy of the type its descriptor promises.
 */
class SequencedCollectionProxyTest extends ObjTestSupport {

  @Test
  void aLinkedListCrossesAsAProxyWhoseReversedWorksThroughListAndDeque() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    LinkedList<String> real = a.call(() -> new LinkedList<>(List.of("x", "y", "z")));
    ObjChannel ch = ObjChannel.create();
    a.run(() -> sendUnchecked(ch, real));
    b.run(
        () -> {
          @SuppressWarnings("unchecked")
          List<String> list = (List<String>) recvUnchecked(ch, List.class);
          assertTrue(Proxies.isProxy(list));
          assertSame(a, Proxies.owner(list));
          @SuppressWarnings("unchecked")
          Deque<String> deque = (Deque<String>) list; // the same proxy implements both

          List<String> reversedList = list.reversed();
          assertTrue(Proxies.isProxy(reversedList), "a live view in a: proxied");
          assertEquals(List.of("z", "y", "x"), new ArrayList<>(reversedList));
          assertEquals("z", reversedList.get(0));

          Deque<String> reversedDeque = deque.reversed();
          assertTrue(Proxies.isProxy(reversedDeque));
          assertEquals("z", reversedDeque.peekFirst());
          reversedDeque.addFirst("end"); // writes through the view into a's list
          assertEquals("end", deque.peekLast());

          SequencedCollection<String> sequenced = ((SequencedCollection<String>) list).reversed();
          assertInstanceOf(SequencedCollection.class, sequenced);
          assertEquals("end", sequenced.getFirst());

          Proxies.release(sequenced);
          Proxies.release(reversedDeque);
          Proxies.release(reversedList);
          Proxies.release(list);
        });
    assertEquals(List.of("x", "y", "z", "end"), real);
  }
}
