package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.crossinterp.strview.TextGen.Case;
import org.crossinterp.strview.TextGen.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests with {@link String} as the oracle: for several hundred seeded random texts
 * (ASCII, Latin-1, BMP, CJK, supplementary, mixed) in every encoding each fits, every method of
 * {@link StrView} answers as the same method of the String does.
 */
class StrViewPropertyTest {
  private static final long SEED = 0x5EED_5781_0AL;

  static List<Case> cases() {
    return TextGen.cases(SEED, 32); // 6 kinds x 32 texts x 2-3 encodings: about 450 cases
  }

  private static StrView view(Case c) {
    return TextGen.view(c.text(), c.encoding(), new Random(c.seed()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void charSequenceMethodsAnswerAsString(Case c) {
    String s = c.text();
    StrView v = view(c);
    Random r = new Random(c.seed());
    assertEquals(s.length(), v.length());
    assertEquals(s.isEmpty(), v.isEmpty());
    for (int i = 0; i < s.length(); i++) {
      TextGen.assertCharAt(s, v, i, "");
    }
    for (int i = s.length() - 1; i >= 0; i--) {
      TextGen.assertCharAt(s, v, i, "backwards");
    }
    for (int k = 0; k < Math.min(4 * s.length(), 2000); k++) {
      int i = r.nextInt(s.length());
      TextGen.assertCharAt(s, v, i, "random");
    }
    for (int bad : new int[] {-1, s.length(), s.length() + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThrows(IndexOutOfBoundsException.class, () -> v.charAt(bad), "charAt(" + bad + ")");
    }
    assertArrayEquals(s.chars().toArray(), v.chars().toArray(), "chars()");
    assertArrayEquals(s.codePoints().toArray(), v.codePoints().toArray(), "codePoints()");
    assertEquals(s.chars().allMatch(ch -> ch < 0x80), v.isAscii(), "isAscii()");
    String first = v.toString();
    assertEquals(s, first);
    assertSame(first, v.toString(), "toString() materialises once");
    assertEquals(c.encoding(), v.encoding());
    assertEquals(c.encoding().format(), v.format());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void subSequenceAtRandomBoundsIsTheSameText(Case c) {
    String s = c.text();
    StrView v = view(c);
    Random r = new Random(c.seed() + 1);
    List<int[]> bounds = new ArrayList<>();
    bounds.add(new int[] {0, s.length()});
    bounds.add(new int[] {0, 0});
    bounds.add(new int[] {s.length(), s.length()});
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLowSurrogate(s.charAt(i))) {
        // bounds that split a surrogate pair, on either side
        bounds.add(new int[] {i, s.length()});
        bounds.add(new int[] {0, i});
        bounds.add(new int[] {i, Math.min(s.length(), i + 1 + r.nextInt(5))});
      }
      if (bounds.size() > 20) {
        break;
      }
    }
    for (int k = 0; k < 16 && !s.isEmpty(); k++) {
      int a = r.nextInt(s.length() + 1);
      int b = a + r.nextInt(s.length() - a + 1);
      bounds.add(new int[] {a, b});
    }
    for (int[] ab : bounds) {
      String want = s.substring(ab[0], ab[1]);
      StrView sub = v.subSequence(ab[0], ab[1]);
      String where = "subSequence(" + ab[0] + ", " + ab[1] + ")";
      assertEquals(want.length(), sub.length(), where);
      for (int i = 0; i < want.length(); i++) {
        assertEquals(want.charAt(i), sub.charAt(i), where + ".charAt(" + i + ")");
      }
      assertEquals(want, sub.toString(), where);
      assertEquals(want.hashCode(), sub.hashCode(), where + ".hashCode()");
      assertTrue(sub.contentEquals(want), where + ".contentEquals");
      assertEquals(want.chars().allMatch(ch -> ch < 0x80), sub.isAscii(), where + ".isAscii()");
      assertArrayEquals(want.codePoints().toArray(), sub.codePoints().toArray(), where);
      if (!want.isEmpty()) {
        // and a part of the part
        int a = r.nextInt(want.length() + 1);
        int b = a + r.nextInt(want.length() - a + 1);
        assertEquals(want.substring(a, b), sub.subSequence(a, b).toString(), where + " of part");
      }
    }
    assertThrows(IndexOutOfBoundsException.class, () -> v.subSequence(-1, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> v.subSequence(0, s.length() + 1));
    if (!s.isEmpty()) {
      assertThrows(IndexOutOfBoundsException.class, () -> v.subSequence(1, 0));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void hashEqualsAndContentEqualsAsString(Case c) {
    String s = c.text();
    StrView v = view(c);
    assertEquals(s.hashCode(), v.hashCode(), "hashCode()");
    assertEquals(s.hashCode(), v.hashCode(), "hashCode() again (cached)");
    assertTrue(v.contentEquals(s));
    assertTrue(v.contentEquals(new StringBuilder(s)));
    assertTrue(v.equals(v));
    assertFalse(v.equals(s), "a StrView never equals a String, as String never equals a StrView");
    assertFalse(v.equals(null));
    for (Encoding e : Encoding.values()) {
      if (e == Encoding.LATIN1 && !TextGen.fitsLatin1(s)) {
        continue;
      }
      StrView other = TextGen.view(s, e, new Random(c.seed() + e.ordinal()));
      assertEquals(v, other, () -> "same text in " + e);
      assertEquals(v.hashCode(), other.hashCode());
      assertTrue(v.contentEquals(other));
      assertEquals(0, v.compareTo(other));
    }
    StrView encoded = StrView.encode(s);
    try {
      assertEquals(v, encoded);
      assertEquals(encoded, v);
      assertEquals(s.hashCode(), encoded.hashCode());
    } finally {
      encoded.release();
    }
    for (String o : others(s, new Random(c.seed() + 2), c.kind())) {
      boolean same = s.equals(o);
      assertEquals(same, v.contentEquals(o), () -> "contentEquals(\"" + o + "\")");
      StrView ov = TextGen.view(o, exactEncoding(o), new Random(o.hashCode()));
      assertEquals(same, v.equals(ov), () -> "equals(StrView of \"" + o + "\")");
      assertEquals(same, ov.equals(v));
      assertEquals(same, v.contentEquals(ov));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void compareToHasTheSignOfStringCompareTo(Case c) {
    String s = c.text();
    StrView v = view(c);
    for (String o : others(s, new Random(c.seed() + 3), c.kind())) {
      int want = Integer.signum(s.compareTo(o));
      assertEquals(want, Integer.signum(v.compareTo(o)), () -> "compareTo(\"" + o + "\")");
      assertEquals(want, Integer.signum(v.compareTo(new StringBuilder(o))));
      StrView ov = TextGen.view(o, exactEncoding(o), new Random(c.seed()));
      assertEquals(o, ov.toString(), "test setup");
      assertEquals(want, Integer.signum(v.compareTo(ov)), "compareTo(StrView)");
      assertEquals(-want, Integer.signum(ov.compareTo(v)), "reverse compareTo(StrView)");
      if (c.encoding() != Encoding.LATIN1 || TextGen.fitsLatin1(o)) {
        // the same encoding on both sides (a byte comparison where the encoding allows it)
        StrView same = TextGen.view(o, c.encoding() == Encoding.UTF8 && exactEncoding(o) != Encoding.UTF8
            ? Encoding.UTF16LE : c.encoding(), new Random(c.seed() + 9));
        assertEquals(want, Integer.signum(v.compareTo(same)), "compareTo(same-encoding StrView)");
        assertEquals(-want, Integer.signum(same.compareTo(v)));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void indexOfAndLastIndexOfAnswerAsString(Case c) {
    String s = c.text();
    StrView v = view(c);
    Random r = new Random(c.seed() + 4);
    int n = s.length();
    Set<Integer> froms = new LinkedHashSet<>(List.of(
        Integer.MIN_VALUE, -5, -1, 0, 1, n / 2, n - 1, n, n + 1, n + 7, Integer.MAX_VALUE));
    for (int k = 0; k < 2; k++) {
      froms.add(r.nextInt(n + 1));
    }
    // chars and code points: present ones, absent ones, halves of pairs, invalid code points
    Set<Integer> cps = new LinkedHashSet<>(List.of(0, 0x61, 0x2C, 0x0A, 0xFF, 0x4E00, 0xFFFF,
        0xD83D, 0xDE00, 0x1F600, 0x10FFFF, -1, 0x110000, Integer.MAX_VALUE));
    for (int k = 0; k < 6 && n > 0; k++) {
      cps.add((int) s.charAt(r.nextInt(n)));
      cps.add(s.codePointAt(r.nextInt(n)));
    }
    for (int cp : cps) {
      assertEquals(s.indexOf(cp), v.indexOf(cp), () -> "indexOf(0x" + Integer.toHexString(cp) + ")");
      assertEquals(s.lastIndexOf(cp), v.lastIndexOf(cp), () -> "lastIndexOf(0x" + Integer.toHexString(cp) + ")");
      for (int from : froms) {
        assertEquals(s.indexOf(cp, from), v.indexOf(cp, from),
            "indexOf(0x" + Integer.toHexString(cp) + ", " + from + ")");
        assertEquals(s.lastIndexOf(cp, from), v.lastIndexOf(cp, from),
            "lastIndexOf(0x" + Integer.toHexString(cp) + ", " + from + ")");
      }
    }
    for (String needle : needles(s, r, c.kind())) {
      String q = "\"" + needle + "\"";
      assertEquals(s.indexOf(needle), v.indexOf(needle), () -> "indexOf(" + q + ")");
      assertEquals(s.lastIndexOf(needle), v.lastIndexOf(needle), () -> "lastIndexOf(" + q + ")");
      assertEquals(s.contains(needle), v.contains(needle), () -> "contains(" + q + ")");
      assertEquals(s.startsWith(needle), v.startsWith(needle), () -> "startsWith(" + q + ")");
      assertEquals(s.endsWith(needle), v.endsWith(needle), () -> "endsWith(" + q + ")");
      Encoding ne = exactEncoding(needle);
      StrView nv = StrView.wrap(MemorySegment.ofArray(TextGen.bytes(needle, ne)), ne);
      assertEquals(s.indexOf(needle), v.indexOf(nv), () -> "indexOf(StrView " + q + ")");
      assertEquals(s.lastIndexOf(needle), v.lastIndexOf(nv), () -> "lastIndexOf(StrView " + q + ")");
      assertEquals(s.contains(needle), v.contains(nv));
      for (int from : froms) {
        assertEquals(s.indexOf(needle, from), v.indexOf(needle, from),
            "indexOf(" + q + ", " + from + ")");
        assertEquals(s.lastIndexOf(needle, from), v.lastIndexOf(needle, from),
            "lastIndexOf(" + q + ", " + from + ")");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void linesSplitAsStringLines(Case c) {
    String s = c.text();
    StrView v = view(c);
    List<String> want = s.lines().toList();
    List<String> got = new ArrayList<>();
    Tokenizer t = v.lines();
    int previousEnd = 0;
    while (t.next()) {
      String line = s.substring(t.start(), t.end());
      assertTrue(t.start() >= previousEnd, "lines go forward");
      previousEnd = t.end();
      assertEquals(line.length(), t.length());
      assertEquals(line.hashCode(), t.hash(), () -> "hash() of line " + got.size());
      assertTrue(t.contentEquals(line));
      assertFalse(t.contentEquals(line + "x"));
      assertEquals(line, t.token().toString());
      got.add(line);
    }
    assertFalse(t.next(), "stays at the end");
    assertEquals(want, got);
    List<String> iterated = new ArrayList<>();
    v.lines().forEach(p -> iterated.add(p.toString()));
    assertEquals(want, iterated, "Iterable view of lines()");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void tokensSplitAsStringSplitWithoutEmpties(Case c) {
    String s = c.text();
    StrView v = view(c);
    Random r = new Random(c.seed() + 5);
    Set<Character> seps = new LinkedHashSet<>(List.of(' ', ',', '\n', '\u4e00'));
    for (int k = 0; k < 3 && !s.isEmpty(); k++) {
      seps.add(s.charAt(r.nextInt(s.length())));
    }
    for (char sep : seps) {
      List<String> want = splitOn(s, sep);
      List<String> got = new ArrayList<>();
      Tokenizer t = v.tokens(sep);
      while (t.next()) {
        String tok = s.substring(t.start(), t.end());
        assertEquals(tok.hashCode(), t.hash(), () -> "Tokenizer.hash() of " + tok);
        assertTrue(t.contentEquals(tok));
        assertEquals(tok, t.token().toString());
        assertEquals(tok.hashCode(), t.token().hashCode());
        got.add(tok);
      }
      assertEquals(want, got, () -> "tokens('" + sep + "')");
    }
  }

  /**
   * The oracle for tokens(c): split at every c, empties removed. (String.split works on code
   * points, so it would not split a pair at a surrogate separator; tokens works on chars.)
   */
  private static List<String> splitOn(String s, char sep) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == sep) {
        if (i > from) {
          out.add(s.substring(from, i));
        }
        from = i + 1;
      }
    }
    if (sep != 0xD83D && s.indexOf(sep) >= 0 && !Character.isSurrogate(sep)) {
      // where both apply, agree with String.split too
      List<String> split = Arrays.stream(s.split(Pattern.quote(String.valueOf(sep)), -1))
          .filter(p -> !p.isEmpty())
          .toList();
      assertEquals(split, out, "oracle");
    }
    return out;
  }

  /** Encoding in which a StrView of {@code o} holds exactly {@code o} (lone surrogates too). */
  static Encoding exactEncoding(String o) {
    if (TextGen.fitsLatin1(o)) {
      return Encoding.LATIN1;
    }
    for (int i = 0; i < o.length(); i++) {
      char ch = o.charAt(i);
      if (Character.isHighSurrogate(ch)
          ? i + 1 >= o.length() || !Character.isLowSurrogate(o.charAt(++i))
          : Character.isLowSurrogate(ch)) {
        return Encoding.UTF16LE;
      }
    }
    return Encoding.UTF8;
  }

  /** Strings to compare with: equal, prefixes, extensions, one char changed, random. */
  private static List<String> others(String s, Random r, Kind kind) {
    List<String> o = new ArrayList<>();
    o.add(s);
    o.add("");
    o.add(s + "a");
    o.add(s + "\u0000");
    o.add(s + "\ud83d\ude00");
    for (int k = 0; k < 4 && !s.isEmpty(); k++) {
      o.add(s.substring(0, r.nextInt(s.length())));
      int i = r.nextInt(s.length());
      char ch = s.charAt(i);
      o.add(s.substring(0, i) + (char) (ch + 1) + s.substring(i + 1));
      o.add(s.substring(0, i) + (char) (ch - 1) + s.substring(i + 1));
      o.add(s.substring(0, i) + "\uffff");
    }
    for (int k = 0; k < 3; k++) {
      o.add(TextGen.text(r, k == 0 ? kind : Kind.values()[r.nextInt(Kind.values().length)],
          r.nextInt(12)));
    }
    return o;
  }

  /** Substrings to search for: present ones (incl. halves of pairs), absent ones, empty. */
  private static List<String> needles(String s, Random r, Kind kind) {
    List<String> o = new ArrayList<>();
    o.add("");
    o.add(s);
    o.add(s + "x");
    o.add("\ud83d");
    o.add("\ude00");
    o.add("\ud83d\ude00");
    o.add(",,");
    o.add("\r\n");
    for (int k = 0; k < 7 && !s.isEmpty(); k++) {
      int a = r.nextInt(s.length());
      int b = Math.min(s.length(), a + 1 + r.nextInt(k < 4 ? 3 : 12));
      o.add(s.substring(a, b));
    }
    o.add(TextGen.text(r, kind, 3));
    return o;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void strViewsOfDifferentTextAreNotEqual(Case c) {
    String s = c.text();
    StrView v = view(c);
    String changed = s + "!";
    StrView w = TextGen.view(changed, c.encoding(), new Random(c.seed()));
    assertNotEquals(v, w);
    assertTrue(Integer.signum(v.compareTo(w)) < 0);
  }
}
