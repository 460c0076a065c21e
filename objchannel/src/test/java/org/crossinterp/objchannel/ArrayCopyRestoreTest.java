package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ProxyCallTest.proxyOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.crossinterp.Interpreter;
import org.crossinterp.NotShareableException;
import org.crossinterp.objchannel.ArrayFixtures.ArrayOps;
import org.crossinterp.objchannel.ArrayFixtures.ArrayOpsImpl;
import org.crossinterp.objchannel.ArrayFixtures.Filler;
import org.crossinterp.objchannel.ArrayFixtures.WhereFiller;
import org.crossinterp.objchannel.Fixtures.Box;
import org.crossinterp.objchannel.Fixtures.BoxImpl;
import org.crossinterp.objchannel.Fixtures.Fragile;
import org.crossinterp.objchannel.Fixtures.Unproxyable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arrays passed to proxy calls are copied in and restored (DESIGN §5): the callee's writes land
 * in the caller's own array, crossing by the usual rules; a result that is the callee's copy of
 * an argument arrives as the caller's array; runtime component types are kept; nothing is
 * half-done when copying back fails.
 */
class ArrayCopyRestoreTest extends ObjTestSupport {

  /** The owner of the proxied objects: an ordinary or a dedicated-thread interpreter. */
  private Interpreter owner(boolean dedicated) {
    return dedicated ? dedicated("owner") : interp("owner");
  }

  @SuppressWarnings("unchecked")
  private <E> List<E> listIn(Interpreter owner, Interpreter user, List<E> contents)
      throws Exception {
    return proxyOf(owner, user, new ArrayList<>(contents), List.class);
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void toArrayFillsAndReturnsTheCallersArrayWhenItIsBigEnough(boolean dedicated)
      throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    List<String> words = listIn(a, b, List.of("x", "y", "z"));
    List<Integer> numbers = listIn(a, b, List.of(1, 2));
    b.run(
        () -> {
          String[] exact = new String[3];
          assertSame(exact, words.toArray(exact), "the caller's own array comes back");
          assertArrayEquals(new String[] {"x", "y", "z"}, exact);

          String[] bigger = {"old", "old", "old", "old", "keep"};
          assertSame(bigger, words.toArray(bigger));
          assertArrayEquals(new String[] {"x", "y", "z", null, "keep"}, bigger, "as the JDK does");

          CharSequence[] chars = new CharSequence[3];
          assertSame(chars, words.toArray(chars));
          assertSame(CharSequence[].class, chars.getClass());
          assertEquals("z", chars[2]);

          Object[] objects = new Object[4];
          assertSame(objects, words.toArray(objects));
          assertArrayEquals(new Object[] {"x", "y", "z", null}, objects);

          Integer[] ints = new Integer[2];
          assertSame(ints, numbers.toArray(ints));
          assertArrayEquals(new Integer[] {1, 2}, ints);
          Number[] nums = new Number[2];
          assertSame(nums, numbers.toArray(nums));
          assertArrayEquals(new Number[] {1, 2}, nums);
        });
    Proxies.release(words);
    Proxies.release(numbers);
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void toArrayWithATooSmallArrayReturnsANewArrayOfItsTypeAndLeavesTheCallersAlone(
      boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    List<String> words = listIn(a, b, List.of("x", "y", "z"));
    b.run(
        () -> {
          String[] small = {"mine"};
          String[] got = words.toArray(small);
          assertNotSame(small, got);
          assertSame(String[].class, got.getClass());
          assertArrayEquals(new String[] {"x", "y", "z"}, got);
          assertArrayEquals(new String[] {"mine"}, small, "untouched, as the JDK leaves it");

          CharSequence[] chars = words.toArray(new CharSequence[1]);
          assertSame(CharSequence[].class, chars.getClass());
          assertEquals(3, chars.length);
        });
    Proxies.release(words);
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void toArrayWithAZeroLengthArrayOrAGeneratorReturnsANewArrayOfThatType(boolean dedicated)
      throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    List<String> words = listIn(a, b, List.of("x", "y"));
    List<Integer> numbers = listIn(a, b, List.of(7));
    b.run(
        () -> {
          String[] empty = new String[0];
          String[] got = words.toArray(empty);
          assertNotSame(empty, got);
          assertSame(String[].class, got.getClass());
          assertArrayEquals(new String[] {"x", "y"}, got);
          // the generator is b's lambda, called back from the owner
          String[] generated = words.toArray(String[]::new);
          assertSame(String[].class, generated.getClass());
          assertArrayEquals(new String[] {"x", "y"}, generated);
          assertSame(Object[].class, words.toArray().getClass());
          assertSame(Number[].class, numbers.toArray(new Number[0]).getClass());
          assertSame(Integer[].class, numbers.toArray(new Integer[0]).getClass());
          // an empty list fills a zero-length array: the caller's own comes back
          List<String> none = listInUnchecked(a, List.of());
          assertSame(empty, none.toArray(empty));
          Proxies.release(none);
        });
    Proxies.release(words);
    Proxies.release(numbers);
  }

  /** {@link #listIn} from inside a task, where checked exceptions are in the way. */
  private <E> List<E> listInUnchecked(Interpreter owner, List<E> contents) {
    try {
      return listIn(owner, Interpreter.current(), contents);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void toArrayOfMutableObjectsFillsTheCallersArrayWithProxies() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    List<Box> boxes =
        a.call(() -> new ArrayList<>(List.of(new BoxImpl("one"), new BoxImpl("two"))));
    @SuppressWarnings("unchecked")
    List<Box> p = proxyOf(a, b, boxes, List.class);
    b.run(
        () -> {
          Box[] mine = new Box[2];
          assertSame(mine, p.toArray(mine));
          assertSame(Box[].class, mine.getClass());
          for (Box box : mine) {
            assertTrue(Proxies.isProxy(box));
            assertSame(a, Proxies.owner(box));
          }
          assertEquals("two", mine[1].get());
          Proxies.release(mine[0]);
          Proxies.release(mine[1]);
        });
    Proxies.release(p);
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void aSortingCalleeSortsTheCallersArray(boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          String[] words = {"pear", "apple", "fig"};
          ops.sort(words);
          assertArrayEquals(new String[] {"apple", "fig", "pear"}, words);
          Integer[] numbers = {3, 1, 2};
          // the comparator is b's, called back from the owner for every comparison
          ops.sort(numbers, Comparator.<Integer>reverseOrder());
          assertArrayEquals(new Integer[] {3, 2, 1}, numbers);
          ops.sort(words, Comparator.comparing(String::length));
          assertArrayEquals(new String[] {"fig", "pear", "apple"}, words);
        });
    Proxies.release(ops);
  }

  @Test
  void nestedArraysAreRestoredAtEveryLevelAndKeepTheirIdentity() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          String[] first = {"b", "a"};
          String[] second = {"d", "c"};
          String[][] rows = {first, second};
          ops.sortRowsAndReverse(rows);
          assertSame(second, rows[0], "the caller's own inner arrays, moved as the callee did");
          assertSame(first, rows[1]);
          assertArrayEquals(new String[] {"c", "d"}, second, "and sorted in place");
          assertArrayEquals(new String[] {"a", "b"}, first);
          assertSame(String[][].class, rows.getClass());
        });
    Proxies.release(ops);
  }

  @Test
  void elementsTheCalleeWroteCrossBackByTheRulesAndTheOthersAreLeftAlone() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    Interpreter c = interp("c");
    ArrayOpsImpl impl = new ArrayOpsImpl();
    ArrayOps ops = proxyOf(a, b, impl, ArrayOps.class);
    Box fromC = proxyOf(c, b, new BoxImpl("c's"), Box.class);
    BoxImpl bs = b.call(() -> new BoxImpl("b's"));
    a.run(() -> impl.toWrite = new Object[] {null, null, ArrayFixtures.boxHere()});
    b.run(
        () -> {
          Object[] mixed = {bs, fromC, "text"};
          ops.writeStored(mixed);
          assertSame(bs, mixed[0], "written back as it was: b's own object");
          assertSame(fromC, mixed[1]);
          assertEquals(1, Proxies.refCount(fromC), "an element not written is not crossed back");
          assertTrue(Proxies.isProxy(mixed[2]), "a's new box arrives as a proxy");
          assertSame(a, Proxies.owner(mixed[2]));
          assertEquals("made in a", ((Box) mixed[2]).get());
          Proxies.release(mixed[2]);
          mixed[2] = "text";
          ops.swap(mixed, 0, 2);
          assertSame(bs, mixed[2], "b's object went to a as a proxy and came home as itself");
          assertEquals("text", mixed[0]);
        });
    Proxies.release(fromC);
    Proxies.release(ops);
  }

  @Test
  void primitiveArraysOfEveryTypeAreRestoredAndKeepTheirType() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          boolean[] z = {true, false, false};
          byte[] bytes = {1, 2, 3};
          char[] chars = {'a', 'b', 'c'};
          short[] shorts = {1, 2, 3};
          int[] ints = {1, 2, 3};
          long[] longs = {1, 2, 3};
          float[] floats = {1, 2, 3};
          double[] doubles = {1, 2, 3};
          Object[] all = {z, bytes, chars, shorts, ints, longs, floats, doubles};
          for (Object array : all) {
            ops.reverse(array);
          }
          assertArrayEquals(new boolean[] {false, false, true}, z);
          assertArrayEquals(new byte[] {3, 2, 1}, bytes);
          assertArrayEquals(new char[] {'c', 'b', 'a'}, chars);
          assertArrayEquals(new short[] {3, 2, 1}, shorts);
          assertArrayEquals(new int[] {3, 2, 1}, ints);
          assertArrayEquals(new long[] {3, 2, 1}, longs);
          assertArrayEquals(new float[] {3, 2, 1}, floats);
          assertArrayEquals(new double[] {3, 2, 1}, doubles);
          String[] words = {"x", "y"};
          ops.reverse(words);
          assertArrayEquals(new String[] {"y", "x"}, words);
        });
    Proxies.release(ops);
  }

  @Test
  void readIntoARangeOfAByteArrayFillsTheCallersBytes() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          byte[] buffer = new byte[8];
          assertEquals(3, ops.read(buffer, 2, 3));
          assertArrayEquals(new byte[] {0, 0, 0, 1, 2, 0, 0, 0}, buffer);
          assertEquals(2, ops.read(buffer, 6, 2));
          assertArrayEquals(new byte[] {0, 0, 0, 1, 2, 0, 3, 4}, buffer);
        });
    Proxies.release(ops);
  }

  @Test
  void aResultThatIsTheCalleesCopyOfAnArgumentArrivesAsTheCallersArray() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          String[] mine = {"x", "y"};
          assertSame(mine, ops.put(mine, 1, "z"));
          assertArrayEquals(new String[] {"x", "z"}, mine);
          Object[] wrapped = ops.wrapTwice(mine);
          assertSame(mine, wrapped[0], "inside a new array too");
          assertSame(mine, wrapped[1]);
        });
    Proxies.release(ops);
  }

  @Test
  void anArrayPassedTwiceIsOneArrayInTheCallee() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          Object[] mine = {"before"};
          assertEquals("written", ops.writeThenRead(mine, mine), "the callee saw its own write");
          assertEquals("written", mine[0]);
          Object[] other = {"other"};
          assertEquals("other", ops.writeThenRead(mine, other));
        });
    Proxies.release(ops);
  }

  @Test
  void writesBeforeAnExceptionAreRestoredAsOnTheObjectItself() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          Object[] mine = {"before"};
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> ops.writeThenThrow(mine, "after"));
          assertEquals("thrown after the write", e.getMessage());
          assertEquals("after", mine[0]);
        });
    Proxies.release(ops);
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void aCallbackFillsTheArrayOfTheInterpreterThatCalledBack(boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    ArrayOps ops = proxyOf(a, b, new ArrayOpsImpl(), ArrayOps.class);
    b.run(
        () -> {
          Filler filler = new WhereFiller();
          // a makes the array and calls b's filler: the array goes a -> b -> a, then to b
          String[] got = ops.askToFill(filler, 2);
          assertArrayEquals(new String[] {"filled in b", "filled in b"}, got);
          assertSame(String[].class, got.getClass());
        });
    Proxies.release(ops);
  }

  @Test
  void aCopyBackThatCannotArriveLeavesTheCallersArrayAsItWasAndPinsNothing() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOpsImpl impl = new ArrayOpsImpl();
    ArrayOps ops = proxyOf(a, b, impl, ArrayOps.class);
    BoxImpl bs = b.call(() -> new BoxImpl("b's"));
    // a proxy of the Fragile cannot be made in b: the copy-back fails while it arrives
    a.run(() -> impl.toWrite = new Object[] {ArrayFixtures.boxHere(), new Fragile("f")});
    b.run(
        () -> {
          Object[] mine = {"kept", bs, "kept too"};
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> ops.writeStored(mine));
          assertEquals(Fragile.REFUSAL, e.getMessage(), "the failure itself, unchanged");
          assertArrayEquals(new Object[] {"kept", bs, "kept too"}, mine, "nothing written");
        });
    assertEquals(1, a.liveShares(), "right away: only b's proxy of ops (the box was released)");
    // an object that cannot cross at all fails while packed in a, naming the array and method
    a.run(() -> impl.toWrite = new Object[] {ArrayFixtures.boxHere(), new Unproxyable()});
    b.run(
        () -> {
          Object[] mine = {"kept", "kept too"};
          NotShareableException e =
              assertThrows(NotShareableException.class, () -> ops.writeStored(mine));
          assertTrue(e.getMessage().contains(Unproxyable.class.getName()), e.getMessage());
          assertArrayEquals(new Object[] {"kept", "kept too"}, mine);
        });
    assertEquals(1, a.liveShares());
    // the call's own exception wins, carrying the copy-back failure
    b.run(
        () -> {
          Object[] mine = {"kept", "kept too"};
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> ops.writeStoredThenThrow(mine));
          assertEquals("thrown after the writes", e.getMessage());
          assertEquals(1, e.getSuppressed().length);
          assertTrue(e.getSuppressed()[0] instanceof NotShareableException);
          assertArrayEquals(new Object[] {"kept", "kept too"}, mine);
        });
    assertEquals(1, a.liveShares());
    // the same when the copy-back fails while it arrives in the caller
    a.run(() -> impl.toWrite = new Object[] {ArrayFixtures.boxHere(), new Fragile("f")});
    b.run(
        () -> {
          Object[] mine = {"kept", "kept too"};
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> ops.writeStoredThenThrow(mine));
          assertEquals("thrown after the writes", e.getMessage());
          assertEquals(Fragile.REFUSAL, e.getSuppressed()[0].getMessage());
          assertArrayEquals(new Object[] {"kept", "kept too"}, mine);
        });
    assertEquals(1, a.liveShares());
    Proxies.release(ops);
  }

  @Test
  void anElementWrittenBackThatWouldNotFitTheArrayIsRefused() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ArrayOpsImpl impl = new ArrayOpsImpl();
    ArrayOps ops = proxyOf(a, b, impl, ArrayOps.class);
    // a Thread written into a Runnable[] is fine in a, but would arrive in b as a proxy of
    // Runnable only; into a Thread[] it would not fit
    a.run(() -> impl.toWrite = new Object[] {Thread.currentThread()});
    b.run(
        () -> {
          Thread[] threads = {null};
          NotShareableException e =
              assertThrows(NotShareableException.class, () -> ops.writeStored(threads));
          String m = e.getMessage();
          assertTrue(m.contains("element 0 of the java.lang.Thread[]"), m);
          assertTrue(m.contains("ArrayOps.writeStored(Object[])"), m);
          assertTrue(m.contains("java.lang.Runnable"), m);
          assertNull(threads[0]);
          Runnable[] runnables = {null};
          ops.writeStored(runnables);
          assertTrue(Proxies.isProxy(runnables[0]));
          Proxies.release(runnables[0]);
        });
    Proxies.release(ops);
  }
}
