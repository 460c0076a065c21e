package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link StrView#lines()} and {@link StrView#tokens(char)}: edge cases, state, allocation. */
class TokenizerTest {
  private static StrView view(String s, Encoding e) {
    return StrView.wrap(MemorySegment.ofArray(TextGen.bytes(s, e)), e);
  }

  private static List<String> parts(Tokenizer t) {
    List<String> out = new ArrayList<>();
    while (t.next()) {
      out.add(t.token().toString());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "\n", "\r", "\r\n", "\n\r", "a", "a\n", "a\r\n", "a\r", "\n\na", "a\n\n", "a\r\r\nb",
    "\r\n\r\n", "one\ntwo\rthree\r\nfour", "\u00e9\n\u4e16\r\n\ud83d\ude00\r", "  \n \t\n"
  })
  void linesSplitExactlyAsStringLines(String s) {
    for (Encoding e : Encoding.values()) {
      if (e == Encoding.LATIN1 && !TextGen.fitsLatin1(s)) {
        continue;
      }
      assertEquals(s.lines().toList(), parts(view(s, e).lines()), e + ": " + s.replace("\r", "\\r").replace("\n", "\\n"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",", ",,,", "a", ",a", "a,", ",,a,,b,,", "a,b,c", "\u00e9,\u4e16,,\ud83d\ude00"})
  void tokensSkipEmptyParts(String s) {
    List<String> want = new ArrayList<>();
    for (String p : s.split(",", -1)) {
      if (!p.isEmpty()) {
        want.add(p);
      }
    }
    for (Encoding e : Encoding.values()) {
      if (e == Encoding.LATIN1 && !TextGen.fitsLatin1(s)) {
        continue;
      }
      assertEquals(want, parts(view(s, e).tokens(',')), e + ": " + s);
    }
  }

  @Test
  void aSurrogateSeparatorSplitsPairsAsCharsDo() {
    // tokens work on chars, like charAt: a high-surrogate separator cuts pairs in half
    StrView v = view("a\ud83d\ude00b\ud83d\ude01c", Encoding.UTF8);
    assertEquals(List.of("a", "\ude00b", "\ude01c"), parts(v.tokens('\ud83d')));
  }

  @Test
  void theCurrentPartIsReadInPlace() {
    StrView v = view("alpha  beta gamma", Encoding.LATIN1);
    Tokenizer t = v.tokens(' ');
    IllegalStateException before = assertThrows(IllegalStateException.class, t::start);
    assertTrue(before.getMessage().contains("call next()"), before.getMessage());
    assertTrue(t.next());
    assertEquals(0, t.start());
    assertEquals(5, t.end());
    assertEquals(5, t.length());
    assertEquals("alpha".hashCode(), t.hash());
    assertTrue(t.contentEquals("alpha"));
    assertFalse(t.contentEquals("alphA"));
    assertFalse(t.contentEquals("alph"));
    assertTrue(t.next());
    assertEquals(7, t.start());
    assertTrue(t.contentEquals("beta"));
    assertTrue(t.next());
    assertTrue(t.contentEquals("gamma"));
    assertFalse(t.next());
    assertFalse(t.next());
    assertThrows(IllegalStateException.class, t::end);
    assertThrows(IllegalStateException.class, t::hash);
    assertThrows(IllegalStateException.class, t::token);
    assertThrows(IllegalStateException.class, () -> t.contentEquals("x"));
  }

  @Test
  void iteratorStartsFromTheBeginningEachTime() {
    StrView v = view("x y z", Encoding.UTF8);
    Tokenizer t = v.tokens(' ');
    assertTrue(t.next()); // the cursor's position does not affect iteration
    List<String> a = new ArrayList<>();
    t.forEach(p -> a.add(p.toString()));
    List<String> b = new ArrayList<>();
    t.forEach(p -> b.add(p.toString()));
    assertEquals(List.of("x", "y", "z"), a);
    assertEquals(a, b);
    Iterator<StrView> it = view("", Encoding.UTF8).lines().iterator();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void partsShareTheSourcesLifetime() {
    StrView v = StrView.encode("a b");
    Tokenizer t = v.tokens(' ');
    assertTrue(t.next());
    StrView a = t.token();
    v.release();
    assertThrows(IllegalStateException.class, a::toString);
    assertThrows(IllegalStateException.class, t::next);
    assertThrows(IllegalStateException.class, t::token);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void iteratingAllocatesNothingPerPart(Encoding e) {
    String line = e == Encoding.LATIN1 ? "caf\u00e9 au lait" : "\u4e16\u754c \ud83d\ude00 ok";
    StrView v = view((line + "\n").repeat(20_000), e);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    long[] allocated = new long[3];
    for (int round = 0; round < allocated.length; round++) {
      Tokenizer lines = v.lines();
      Tokenizer words = v.tokens(' ');
      long before = mx.getCurrentThreadAllocatedBytes();
      while (lines.next()) {
        sink += lines.hash() + lines.length();
      }
      while (words.next()) {
        sink += words.contentEquals("ok") ? 1 : words.start();
      }
      allocated[round] = mx.getCurrentThreadAllocatedBytes() - before;
    }
    assertTrue(sink != 0);
    // 40 000 parts: one small object per part would be more than 600 KB
    long least = Math.min(allocated[0], Math.min(allocated[1], allocated[2]));
    assertTrue(least < 64 * 1024, "bytes allocated iterating 40 000 parts: " + least);
  }
}
