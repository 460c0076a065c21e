package org.crossinterp.strview;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Objects;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.SharedBuffer;
import org.crossinterp.strview.internal.Text;

/**
 * Text read in place from a buffer, often one another interpreter exported: a {@link
 * CharSequence} over encoded bytes, with no decode and no copy (the 2017 {@code strview}
 * proposal).
 *
 * <p><b>Making one.</b> {@link #of(CrossInterpreterView)} reads a received view with the
 * encoding that travelled with it; {@link #wrap(MemorySegment, Encoding)} reads memory the
 * caller keeps alive; {@link #encode(String)} copies a String once into a fresh {@link
 * SharedBuffer} (Latin-1 when it fits, else UTF-16LE), after which any number of interpreters
 * read it for free. UTF-8 is validated once, at creation; malformed input throws {@link
 * MalformedTextException} with the byte offset, and nothing is retained.
 *
 * <p><b>Sending.</b> A StrView is a {@link BufferExporter}: {@code memChannel.send(strView)}
 * exports its bytes with its encoding as the buffer {@linkplain BufferExporter#format()
 * format}, and the receiver gets it back with {@code StrView.of(channel.recv())}, over the same
 * memory, in the right encoding, with no way to ask for the wrong one.
 *
 * <p><b>As a String.</b> {@link #hashCode()} equals {@link String#hashCode()} of the same text;
 * {@link #compareTo} orders as {@link String#compareTo}; {@link #contentEquals} compares with
 * any CharSequence; {@link #equals} holds only between StrViews of the same text (as {@code
 * String.equals} holds only between Strings). {@link #toString()} decodes once and caches.
 *
 * <p><b>Zero-copy parts.</b> {@link #subSequence} returns a StrView over part of the same
 * bytes that lives and dies with this one; {@link #slice} returns one with its own share of
 * the underlying view, to be released on its own. {@link #lines()} and {@link #tokens(char)}
 * iterate parts without allocating per part.
 *
 * <p><b>Lifetime and threads.</b> Any thread may read a StrView. {@link #release()} releases
 * the view it reads (idempotent; the release runs in the view's origin interpreter); reading
 * afterwards throws {@link IllegalStateException}, and so does reading a part made by {@link
 * #subSequence}.
 */
public final class StrView implements CharSequence, Comparable<CharSequence>, BufferExporter,
    AutoCloseable {
  private final Text text;
  private final Owner owner;
  private int hash;
  private boolean hashIsZero;
  private String string;

  /** What keeps the bytes alive, shared by a StrView and its subSequences. */
  private static final class Owner {
    private final CrossInterpreterView view;
    private final SharedBuffer buffer;
    private final ArrayDeque<CrossInterpreterView> exported = new ArrayDeque<>();
    private volatile boolean released;

    Owner(CrossInterpreterView view, SharedBuffer buffer) {
      this.view = view;
      this.buffer = buffer;
    }

    void release() {
      if (released) {
        return;
      }
      released = true;
      if (view != null) {
        view.release();
      }
      if (buffer != null) {
        buffer.close(); // deferred by the buffer while exported
      }
    }
  }

  private StrView(Text text, Owner owner) {
    this.text = text;
    this.owner = owner;
  }

  /**
   * Reads a received view as text in the encoding it was sent with ({@link
   * CrossInterpreterView#format()}). The StrView takes over the view: releasing it releases the
   * view.
   *
   * @param view a live view whose format names an {@link Encoding}
   * @return a StrView over the view's memory
   * @throws IllegalArgumentException if the view's format is not a text encoding (use {@link
   *     #of(CrossInterpreterView, Encoding)} for plain bytes)
   * @throws MalformedTextException if the bytes are not valid in that encoding
   * @throws IllegalStateException if the view was released
   */
  public static StrView of(CrossInterpreterView view) {
    Objects.requireNonNull(view, "view");
    Encoding e = encodingOf(view.format());
    if (e == null) {
      throw new IllegalArgumentException(
          "the view's format is \""
              + view.format()
              + "\", not a text encoding; say which encoding the bytes have with"
              + " StrView.of(view, encoding)");
    }
    return of(view, e);
  }

  /**
   * Reads a received view as text in {@code encoding}. The StrView takes over the view:
   * releasing it releases the view.
   *
   * @param view a live view
   * @param encoding the bytes' encoding; must match the view's format if that names one
   * @return a StrView over the view's memory
   * @throws IllegalArgumentException if the view was sent as text in another encoding
   * @throws MalformedTextException if the bytes are not valid in {@code encoding}
   * @throws IllegalStateException if the view was released
   */
  public static StrView of(CrossInterpreterView view, Encoding encoding) {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(encoding, "encoding");
    Encoding sent = encodingOf(view.format());
    if (sent != null && sent != encoding) {
      throw new IllegalArgumentException(
          "the view was sent as " + sent + " text, not " + encoding + "; use StrView.of(view)");
    }
    return new StrView(Text.of(view.segment(), encoding), new Owner(view, null));
  }

  /**
   * Reads memory the caller keeps alive as text. No copy; the caller must not free the memory
   * while the StrView is in use.
   *
   * @param bytes the encoded text
   * @param encoding its encoding
   * @return a StrView over {@code bytes}
   * @throws MalformedTextException if the bytes are not valid in {@code encoding}
   */
  public static StrView wrap(MemorySegment bytes, Encoding encoding) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(encoding, "encoding");
    return new StrView(Text.of(bytes.asReadOnly(), encoding), new Owner(null, null));
  }

  /**
   * Copies {@code s} once into a fresh {@link SharedBuffer}, in Latin-1 when every char fits,
   * else UTF-16LE (so {@code charAt} stays O(1)). Releasing the StrView closes the buffer once
   * no other interpreter reads it any more.
   *
   * @param s the text
   * @return a StrView that owns its buffer
   */
  public static StrView encode(String s) {
    Objects.requireNonNull(s, "s");
    boolean latin1 = s.chars().allMatch(c -> c <= 0xFF);
    SharedBuffer buffer = SharedBuffer.allocate(latin1 ? s.length() : 2L * s.length());
    MemorySegment m = buffer.segment();
    if (latin1) {
      for (int i = 0; i < s.length(); i++) {
        m.set(ValueLayout.JAVA_BYTE, i, (byte) s.charAt(i));
      }
    } else {
      ValueLayout.OfChar le = ValueLayout.JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < s.length(); i++) {
        m.set(le, 2L * i, s.charAt(i));
      }
    }
    StrView v =
        new StrView(
            Text.of(m.asReadOnly(), latin1 ? Encoding.LATIN1 : Encoding.UTF16LE),
            new Owner(null, buffer));
    v.string = s;
    return v;
  }

  private static Encoding encodingOf(String format) {
    for (Encoding e : Encoding.values()) {
      if (e.format().equals(format)) {
        return e;
      }
    }
    return null;
  }

  private Text live() {
    if (owner.released) {
      throw new IllegalStateException(
          "this StrView was released; keep it (or slice() a part) until you are done reading");
    }
    return text;
  }

  /**
   * The encoding of the bytes.
   *
   * @return the encoding
   */
  public Encoding encoding() {
    return text.encoding();
  }

  /**
   * The encoded bytes, read-only, without a copy.
   *
   * @return the segment
   * @throws IllegalStateException after release
   */
  public MemorySegment bytes() {
    return live().bytes();
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public boolean isEmpty() {
    return text.length() == 0;
  }

  @Override
  public char charAt(int index) {
    Text t = live();
    Objects.checkIndex(index, t.length());
    return t.charAt(index);
  }

  /**
   * Whether every char is below 0x80.
   *
   * @return true for ASCII text
   */
  public boolean isAscii() {
    return live().isAscii();
  }

  /**
   * Chars {@code [start, end)} as a StrView over the same bytes (no copy), valid while this
   * StrView is. (Only a part of UTF-8 text that splits a surrogate pair is copied, since UTF-8
   * cannot hold half a pair.)
   */
  @Override
  public StrView subSequence(int start, int end) {
    Text t = live();
    Objects.checkFromToIndex(start, end, t.length());
    if (start == 0 && end == t.length()) {
      return this;
    }
    return new StrView(t.sub(start, end), owner);
  }

  /**
   * Chars {@code [start, end)} as a StrView with its own share of the underlying view: it stays
   * readable after this StrView is released, and must be released itself. Without an
   * underlying view (wrapped or encoded text) it is the same as {@link #subSequence}.
   *
   * @param start the first char
   * @param end one past the last char
   * @return a new StrView
   */
  public StrView slice(int start, int end) {
    Text t = live();
    Objects.checkFromToIndex(start, end, t.length());
    if (owner.view == null) {
      return new StrView(t.sub(start, end), owner);
    }
    Text part = t.sub(start, end);
    CrossInterpreterView share = owner.view.share();
    return new StrView(part, new Owner(share, null));
  }

  /**
   * Decodes the text once; later calls return the same String.
   *
   * @return the text as a String
   */
  @Override
  public String toString() {
    String s = string;
    if (s == null) {
      s = live().materialize();
      string = s;
    }
    return s;
  }

  /** Equal to {@link String#hashCode()} of the same text; computed once. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && !hashIsZero) {
      h = string != null ? string.hashCode() : live().hash();
      if (h == 0) {
        hashIsZero = true;
      } else {
        hash = h;
      }
    }
    return h;
  }

  /** True only for another StrView of the same text, in any encoding. */
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof StrView v && contentEquals(v));
  }

  /**
   * Whether {@code cs} holds the same chars.
   *
   * @param cs any char sequence
   * @return true for the same text
   */
  public boolean contentEquals(CharSequence cs) {
    Text t = live();
    if (cs.length() != t.length()) {
      return false;
    }
    if (cs instanceof StrView v && v.encoding() == t.encoding()) {
      // one text has one encoding in each of these encodings, so equal text is equal bytes
      return t.bytes().mismatch(v.live().bytes()) == -1;
    }
    if (hash != 0 && cs instanceof String s && s.hashCode() != hash) {
      return false;
    }
    for (int i = 0, n = t.length(); i < n; i++) {
      if (t.charAt(i) != cs.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Orders as {@link String#compareTo}: by the first differing char, else by length. */
  @Override
  public int compareTo(CharSequence other) {
    Text t = live();
    int n = Math.min(t.length(), other.length());
    for (int i = 0; i < n; i++) {
      char a = t.charAt(i);
      char b = other.charAt(i);
      if (a != b) {
        return a - b;
      }
    }
    return t.length() - other.length();
  }

  /**
   * The index of the first {@code ch} (a char or a supplementary code point), or -1.
   *
   * @param ch the code point
   * @return its first index
   */
  public int indexOf(int ch) {
    return indexOf(ch, 0);
  }

  /**
   * The index of the first {@code ch} at or after {@code from}, or -1.
   *
   * @param ch the code point
   * @param from where to start; clamped to the text
   * @return the index
   */
  public int indexOf(int ch, int from) {
    if (Character.isSupplementaryCodePoint(ch)) {
      return indexOf(new String(Character.toChars(ch)), from);
    }
    Text t = live();
    for (int i = Math.max(from, 0), n = t.length(); i < n; i++) {
      if (t.charAt(i) == ch) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the first occurrence of {@code s}, or -1.
   *
   * @param s the text to find
   * @return the index
   */
  public int indexOf(CharSequence s) {
    return indexOf(s, 0);
  }

  /**
   * The index of the first occurrence of {@code s} at or after {@code from}, or -1.
   *
   * @param s the text to find
   * @param from where to start; clamped to the text
   * @return the index
   */
  public int indexOf(CharSequence s, int from) {
    Text t = live();
    int n = t.length();
    int m = s.length();
    int start = Math.max(from, 0);
    if (m == 0) {
      return Math.min(start, n);
    }
    char first = s.charAt(0);
    for (int i = start; i <= n - m; i++) {
      if (t.charAt(i) == first && regionMatches(t, i, s, m)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the last {@code ch}, or -1.
   *
   * @param ch the code point
   * @return the index
   */
  public int lastIndexOf(int ch) {
    return lastIndexOf(ch, Integer.MAX_VALUE);
  }

  /**
   * The index of the last {@code ch} at or before {@code from}, or -1.
   *
   * @param ch the code point
   * @param from where to start searching backwards
   * @return the index
   */
  public int lastIndexOf(int ch, int from) {
    if (Character.isSupplementaryCodePoint(ch)) {
      return lastIndexOf(new String(Character.toChars(ch)), from);
    }
    Text t = live();
    for (int i = Math.min(from, t.length() - 1); i >= 0; i--) {
      if (t.charAt(i) == ch) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the last occurrence of {@code s}, or -1.
   *
   * @param s the text to find
   * @return the index
   */
  public int lastIndexOf(CharSequence s) {
    return lastIndexOf(s, Integer.MAX_VALUE);
  }

  /**
   * The index of the last occurrence of {@code s} starting at or before {@code from}, or -1.
   *
   * @param s the text to find
   * @param from the last index to consider
   * @return the index
   */
  public int lastIndexOf(CharSequence s, int from) {
    Text t = live();
    int m = s.length();
    int start = Math.min(from, t.length() - m);
    for (int i = start; i >= 0; i--) {
      if (regionMatches(t, i, s, m)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean regionMatches(Text t, int at, CharSequence s, int m) {
    for (int k = 0; k < m; k++) {
      if (t.charAt(at + k) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s} occurs in this text.
   *
   * @param s the text to find
   * @return true if found
   */
  public boolean contains(CharSequence s) {
    return indexOf(s, 0) >= 0;
  }

  /**
   * Whether this text starts with {@code prefix}.
   *
   * @param prefix the prefix
   * @return true if it does
   */
  public boolean startsWith(CharSequence prefix) {
    Text t = live();
    return prefix.length() <= t.length() && regionMatches(t, 0, prefix, prefix.length());
  }

  /**
   * Whether this text ends with {@code suffix}.
   *
   * @param suffix the suffix
   * @return true if it does
   */
  public boolean endsWith(CharSequence suffix) {
    Text t = live();
    int m = suffix.length();
    return m <= t.length() && regionMatches(t, t.length() - m, suffix, m);
  }

  /**
   * The lines, as {@link String#lines()} splits them (at {@code \n}, {@code \r} or {@code
   * \r\n}; no empty last line), iterated without allocating per line.
   *
   * @return a cursor over the lines
   */
  public Tokenizer lines() {
    return Tokenizer.lines(this, live());
  }

  /**
   * The maximal runs of chars other than {@code separator} (empty ones skipped, as {@link
   * java.util.StringTokenizer}), iterated without allocating per token.
   *
   * @param separator the separating char
   * @return a cursor over the tokens
   */
  public Tokenizer tokens(char separator) {
    return Tokenizer.tokens(this, live(), separator);
  }

  StrView part(Text t) {
    return new StrView(t, owner);
  }

  void checkLive() {
    live();
  }

  /**
   * Whether {@link #release()} was called (on this StrView or the one it is part of).
   *
   * @return true once released
   */
  public boolean isReleased() {
    return owner.released;
  }

  /**
   * Releases the view (or buffer) this StrView reads; idempotent. Parts made by {@link
   * #subSequence} become unreadable too; parts made by {@link #slice} do not.
   */
  public void release() {
    owner.release();
  }

  /** Same as {@link #release()}. */
  @Override
  public void close() {
    release();
  }

  /**
   * Exports the bytes for one send (called by {@code MemChannel.send} in the sending
   * interpreter): a new share of the underlying view or buffer, so that this StrView may be
   * released while the receiver still reads.
   *
   * @return the bytes
   */
  @Override
  public MemorySegment acquireExport() {
    Text t = live();
    if (owner.buffer != null) {
      owner.buffer.acquireExport();
      return t.bytes();
    }
    if (owner.view != null) {
      CrossInterpreterView share = owner.view.share();
      synchronized (owner.exported) {
        owner.exported.add(share);
      }
      return t.bytes();
    }
    return t.bytes();
  }

  /**
   * Ends one export: releases the share {@link #acquireExport()} took.
   *
   * @param exported the bytes {@link #acquireExport()} returned
   */
  @Override
  public void releaseExport(MemorySegment exported) {
    if (owner.buffer != null) {
      owner.buffer.releaseExport(exported);
    } else if (owner.view != null) {
      CrossInterpreterView share;
      synchronized (owner.exported) {
        share = owner.exported.poll();
      }
      if (share != null) {
        share.release();
      }
    }
  }

  /**
   * The encoding's format name, so that the receiver reads the bytes right.
   *
   * @return e.g. {@code "utf-8"}
   */
  @Override
  public String format() {
    return text.encoding().format();
  }
}
