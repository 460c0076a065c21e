package org.crossinterp.strview;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * bytes that lives and dies with this one; {@link #slice} returns one with a lifetime of its
 * own (its own share of the underlying view), to be released on its own. {@link #lines()} and
 * {@link #tokens(char)} iterate parts without allocating per part.
 *
 * <p><b>Shared memory.</b> The bytes are read where they are, so a change their owner makes
 * afterwards shows through (as for any {@link CrossInterpreterView}). UTF-8 is validated once:
 * a later change that breaks the encoding gives wrong chars or an {@link
 * IndexOutOfBoundsException}, never a crash; do not change text while others read it.
 *
 * <p><b>Lifetime and threads.</b> A StrView lives as long as what it reads. {@link #release()}
 * releases the view it reads (idempotent; the last release of an export runs in the view's
 * origin interpreter) or the buffer {@link #encode} made; reading afterwards, through this
 * StrView or a part made by {@link #subSequence}, throws {@link IllegalStateException}. Any
 * thread may read a StrView, and several threads may read one at once: its caches (the String,
 * the hash, the UTF-8 char index and cursor) are benign races.
 */
public final class StrView implements CharSequence, Comparable<CharSequence>, BufferExporter,
    AutoCloseable {
  private static final ValueLayout.OfChar LE_CHAR =
      ValueLayout.JAVA_CHAR_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Text text;
  private final Owner owner;
  private int hash; // String's scheme: 0 until computed, hashIsZero for a real 0
  private boolean hashIsZero;
  private String string;

  /**
   * One lifetime: what a StrView and its subSequences read, released together. Exports taken
   * from it are kept here until the receiving interpreters release them.
   */
  private static final class Owner {
    private final Lifetime life;
    private final ArrayDeque<CrossInterpreterView> exported = new ArrayDeque<>();

    Owner(CrossInterpreterView view, EncodedBuffer buffer) {
      this.life = new Lifetime(view, buffer);
      if (buffer != null) {
        life.track(this); // a view is tracked on its own; wrapped memory is the caller's
      }
    }

    CrossInterpreterView view() {
      return life.view();
    }

    EncodedBuffer buffer() {
      return life.buffer();
    }

    boolean released() {
      // the view may also have been released directly, by whoever handed it to of()
      return life.isReleased() || (life.view() != null && life.view().isReleased());
    }

    void release() {
      life.releaseByHolder();
    }

    /** Records, at PARANOID, where an encoded text was sent from, for a leak report. */
    void touchExported() {
      life.touch("exported for a send");
    }
  }

  private StrView(Text text, Owner owner) {
    this.text = text;
    this.owner = owner;
  }

  /**
   * Reads a received view as text in the encoding it was sent with ({@link
   * CrossInterpreterView#format()}). The StrView takes over the view: releasing it releases the
   * view. If this method throws, the view is left as it was, still the caller's to release.
   * Any thread.
   *
   * @param view a live view whose format names an {@link Encoding}
   * @return a StrView over the view's memory, no copy
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
   * releasing it releases the view. If this method throws, the view is left as it was, still
   * the caller's to release. Any thread.
   *
   * @param view a live view
   * @param encoding the bytes' encoding; must match the view's format if that names one
   * @return a StrView over the view's memory, no copy
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
          "the view was sent as "
              + sent
              + " text (format \""
              + view.format()
              + "\"), not "
              + encoding
              + "; read it with StrView.of(view), which uses the encoding it was sent with");
    }
    return new StrView(Text.of(view.segment(), encoding), new Owner(view, null));
  }

  /**
   * Reads memory the caller keeps alive as text. No copy; the caller must not free or change
   * the memory while the StrView, its parts, or views of it sent to other interpreters are in
   * use. Any thread.
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
   * Copies {@code s} once into a fresh {@link SharedBuffer} owned by the calling thread's
   * interpreter, in Latin-1 when every char fits, else UTF-16LE (so {@code charAt} stays O(1)
   * and lone surrogates survive). Releasing the StrView (and its slices) closes the buffer once
   * no other interpreter reads it any more. A StrView (or slice) dropped without release closes
   * it when collected, and the {@link org.crossinterp.LeakDetector} reports that as a leak
   * ({@code STRVIEW_BUFFER}), as it does a dropped view.
   *
   * @param s the text
   * @return a StrView that owns its buffer
   */
  public static StrView encode(String s) {
    Objects.requireNonNull(s, "s");
    boolean latin1 = true;
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        latin1 = false;
        break;
      }
    }
    SharedBuffer buffer;
    Encoding encoding;
    if (latin1) {
      byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
      buffer = SharedBuffer.allocate(b.length);
      MemorySegment.copy(b, 0, buffer.segment(), ValueLayout.JAVA_BYTE, 0, b.length);
      encoding = Encoding.LATIN1;
    } else {
      buffer = SharedBuffer.allocate(2L * s.length());
      MemorySegment.copy(s.toCharArray(), 0, buffer.segment(), LE_CHAR, 0, s.length());
      encoding = Encoding.UTF16LE;
    }
    StrView v =
        new StrView(
            Text.of(buffer.segment().asReadOnly(), encoding),
            new Owner(null, new EncodedBuffer(buffer)));
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
    if (owner.released()) {
      throw new IllegalStateException(
          "this StrView was released; keep it (or slice() the part you need) until you are done"
              + " reading");
    }
    return text;
  }

  /**
   * The encoding of the bytes. Still answers after release.
   *
   * @return the encoding
   */
  public Encoding encoding() {
    return text.encoding();
  }

  /**
   * The encoded bytes, read-only, without a copy. Readable while this StrView is live: once it
   * is released (and, over received or encoded memory, no other reader holds it) the memory may
   * be freed, and reading the segment then throws {@link IllegalStateException}.
   *
   * @return the segment
   * @throws IllegalStateException after release
   */
  public MemorySegment bytes() {
    return live().bytes();
  }

  /**
   * The length in chars (UTF-16 code units, as {@link String#length()}).
   *
   * @throws IllegalStateException after release
   */
  @Override
  public int length() {
    return live().length();
  }

  /**
   * Whether the text is empty.
   *
   * @throws IllegalStateException after release
   */
  @Override
  public boolean isEmpty() {
    return live().length() == 0;
  }

  /**
   * The char at {@code index}, as {@link String#charAt}: O(1) for Latin-1, UTF-16 and ASCII
   * UTF-8; amortised O(1) for other UTF-8, and O(1) per char for scans in either direction.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, length())}
   * @throws IllegalStateException after release
   */
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
   * @throws IllegalStateException after release
   */
  public boolean isAscii() {
    return live().isAscii();
  }

  /**
   * Chars {@code [start, end)} as a StrView over the same bytes (no copy), in the same
   * lifetime as this StrView: releasing either releases both. (Only a part of UTF-8 text that
   * splits a surrogate pair is copied, to UTF-16LE, since UTF-8 cannot hold half a pair.)
   *
   * @throws IndexOutOfBoundsException as {@link String#subSequence}
   * @throws IllegalStateException after release
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
   * Chars {@code [start, end)} as a StrView with a lifetime of its own: it stays readable after
   * this StrView is released, and must be released itself. Over a received view it holds its
   * own share of the view (so the origin's release waits for it); over an encoded buffer it
   * keeps the buffer open; over wrapped memory it only has its own released flag (the caller
   * keeps the memory alive). No copy, but as {@link #subSequence} for split surrogate pairs.
   *
   * @param start the first char
   * @param end one past the last char
   * @return a new StrView, to be released on its own
   * @throws IndexOutOfBoundsException as {@link String#subSequence}
   * @throws IllegalStateException after release
   */
  public StrView slice(int start, int end) {
    Text t = live();
    Objects.checkFromToIndex(start, end, t.length());
    Text part = t.sub(start, end);
    CrossInterpreterView view = owner.view();
    if (view != null) {
      return new StrView(part, new Owner(view.share(), null));
    }
    EncodedBuffer buffer = owner.buffer();
    if (buffer != null) {
      if (!buffer.tryRetain()) {
        live(); // released meanwhile: throw as any use after release does
      }
      return new StrView(part, new Owner(null, buffer));
    }
    return new StrView(part, new Owner(null, null));
  }

  /**
   * Decodes the text once; later calls return the same String.
   *
   * @return the text as a String
   * @throws IllegalStateException after release
   */
  @Override
  public String toString() {
    Text t = live();
    String s = string;
    if (s == null) {
      s = t.materialize();
      string = s;
    }
    return s;
  }

  /**
   * Equal to {@link String#hashCode()} of the same text, in any encoding; computed once.
   *
   * @throws IllegalStateException after release
   */
  @Override
  public int hashCode() {
    Text t = live();
    int h = hash;
    if (h == 0 && !hashIsZero) {
      String s = string;
      h = s != null ? s.hashCode() : t.hash();
      if (h == 0) {
        hashIsZero = true;
      } else {
        hash = h;
      }
    }
    return h;
  }

  /**
   * True only for another StrView of the same text, in any encoding (as a String equals only
   * Strings; compare with any CharSequence with {@link #contentEquals}).
   *
   * @throws IllegalStateException after release (of either StrView)
   */
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof StrView v && contentEquals(v));
  }

  /**
   * Whether {@code cs} holds the same chars, as {@link String#contentEquals(CharSequence)}.
   *
   * @param cs any char sequence
   * @return true for the same text
   * @throws IllegalStateException after release
   */
  public boolean contentEquals(CharSequence cs) {
    Text t = live();
    if (cs.length() != t.length()) {
      return false;
    }
    if (cs instanceof StrView v) {
      Text o = v.live();
      if (o.encoding() == t.encoding()) {
        // in each of these encodings a text has exactly one encoded form
        return t.bytes().mismatch(o.bytes()) == -1;
      }
      if (hash != 0 && v.hash != 0 && hash != v.hash) {
        return false;
      }
    } else if (hash != 0 && cs instanceof String s && s.hashCode() != hash) {
      return false;
    }
    return t.regionMatches(0, cs);
  }

  /**
   * Orders as {@link String#compareTo}: by the first differing char, else by length.
   *
   * @throws IllegalStateException after release
   */
  @Override
  public int compareTo(CharSequence other) {
    Text t = live();
    if (other instanceof StrView v
        && v.encoding() == t.encoding()
        && t.encoding() != Encoding.UTF8) {
      // fixed-width encodings: the first differing byte is in the first differing char (UTF-8
      // byte order is code point order, which is not String's order past U+FFFF, so not there)
      Text o = v.live();
      long m = t.bytes().mismatch(o.bytes());
      if (m < 0) {
        return 0;
      }
      int i = (int) (t.encoding() == Encoding.LATIN1 ? m : m >>> 1);
      if (i < t.length() && i < o.length()) {
        return t.charAt(i) - o.charAt(i);
      }
      return t.length() - o.length();
    }
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
   * The index of the first {@code ch} (a char, or a supplementary code point found as its
   * surrogate pair), or -1, as {@link String#indexOf(int)}.
   *
   * @param ch the code point
   * @return its first index, or -1
   * @throws IllegalStateException after release
   */
  public int indexOf(int ch) {
    return indexOf(ch, 0);
  }

  /**
   * The index of the first {@code ch} at or after {@code from}, or -1, as {@link
   * String#indexOf(int, int)}.
   *
   * @param ch the code point
   * @param from where to start; clamped to the text
   * @return the index, or -1
   * @throws IllegalStateException after release
   */
  public int indexOf(int ch, int from) {
    Text t = live();
    if (ch >= Character.MIN_SUPPLEMENTARY_CODE_POINT && ch <= Character.MAX_CODE_POINT) {
      return indexOf(new String(Character.toChars(ch)), from);
    }
    int start = Math.max(from, 0);
    if (ch < 0 || ch > 0xFFFF || start >= t.length()) {
      return -1;
    }
    return t.indexOf((char) ch, start);
  }

  /**
   * The index of the first occurrence of {@code s}, or -1, as {@link String#indexOf(String)}.
   *
   * @param s the text to find
   * @return the index, or -1
   * @throws IllegalStateException after release
   */
  public int indexOf(CharSequence s) {
    return indexOf(s, 0);
  }

  /**
   * The index of the first occurrence of {@code s} at or after {@code from}, or -1, as {@link
   * String#indexOf(String, int)}.
   *
   * @param s the text to find
   * @param from where to start; clamped to the text
   * @return the index, or -1
   * @throws IllegalStateException after release
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
      i = t.indexOf(first, i); // jump to the next candidate without comparing char by char
      if (i < 0 || i > n - m) {
        return -1;
      }
      if (t.regionMatches(i, s)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the last {@code ch}, or -1, as {@link String#lastIndexOf(int)}.
   *
   * @param ch the code point
   * @return the index, or -1
   * @throws IllegalStateException after release
   */
  public int lastIndexOf(int ch) {
    return lastIndexOf(ch, Integer.MAX_VALUE);
  }

  /**
   * The index of the last {@code ch} at or before {@code from}, or -1, as {@link
   * String#lastIndexOf(int, int)}.
   *
   * @param ch the code point
   * @param from where to start searching backwards
   * @return the index, or -1
   * @throws IllegalStateException after release
   */
  public int lastIndexOf(int ch, int from) {
    Text t = live();
    if (ch >= Character.MIN_SUPPLEMENTARY_CODE_POINT && ch <= Character.MAX_CODE_POINT) {
      return lastIndexOf(new String(Character.toChars(ch)), from);
    }
    if (ch < 0 || ch > 0xFFFF) {
      return -1;
    }
    for (int i = Math.min(from, t.length() - 1); i >= 0; i--) {
      if (t.charAt(i) == ch) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the last occurrence of {@code s}, or -1, as {@link
   * String#lastIndexOf(String)}.
   *
   * @param s the text to find
   * @return the index, or -1
   * @throws IllegalStateException after release
   */
  public int lastIndexOf(CharSequence s) {
    return lastIndexOf(s, Integer.MAX_VALUE);
  }

  /**
   * The index of the last occurrence of {@code s} starting at or before {@code from}, or -1,
   * as {@link String#lastIndexOf(String, int)}.
   *
   * @param s the text to find
   * @param from the last index to consider
   * @return the index, or -1
   * @throws IllegalStateException after release
   */
  public int lastIndexOf(CharSequence s, int from) {
    Text t = live();
    int m = s.length();
    int start = Math.min(from, t.length() - m);
    if (m == 0) {
      return start < 0 ? -1 : start;
    }
    char first = s.charAt(0);
    for (int i = start; i >= 0; i--) {
      if (t.charAt(i) == first && t.regionMatches(i, s)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code s} occurs in this text, as {@link String#contains}.
   *
   * @param s the text to find
   * @return true if found
   * @throws IllegalStateException after release
   */
  public boolean contains(CharSequence s) {
    return indexOf(s, 0) >= 0;
  }

  /**
   * Whether this text starts with {@code prefix}, as {@link String#startsWith(String)}.
   *
   * @param prefix the prefix
   * @return true if it does
   * @throws IllegalStateException after release
   */
  public boolean startsWith(CharSequence prefix) {
    Text t = live();
    return prefix.length() <= t.length() && t.regionMatches(0, prefix);
  }

  /**
   * Whether this text ends with {@code suffix}, as {@link String#endsWith}.
   *
   * @param suffix the suffix
   * @return true if it does
   * @throws IllegalStateException after release
   */
  public boolean endsWith(CharSequence suffix) {
    Text t = live();
    int m = suffix.length();
    return m <= t.length() && t.regionMatches(t.length() - m, suffix);
  }

  /**
   * The lines, as {@link String#lines()} splits them (at {@code \n}, {@code \r} or {@code
   * \r\n}; no empty last line), iterated without allocating per line.
   *
   * @return a cursor over the lines
   * @throws IllegalStateException after release
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
   * @throws IllegalStateException after release
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
   * Whether {@link #release()} was called (on this StrView or one in the same lifetime).
   *
   * @return true once released
   */
  public boolean isReleased() {
    return owner.released();
  }

  /**
   * Releases what this StrView reads: the received view (the last release of an export runs
   * the exporter's release in its origin interpreter), or the encoded buffer (closed once
   * other interpreters let go of it). Idempotent; any thread. Parts made by {@link
   * #subSequence} become unreadable too; parts made by {@link #slice} do not.
   */
  public void release() {
    owner.release();
  }

  /** Same as {@link #release()}, for try-with-resources. */
  @Override
  public void close() {
    release();
  }

  /**
   * Exports the bytes for one send (called by {@code MemChannel.send} in the sending
   * interpreter): takes a new share of the underlying view or buffer, so that this StrView may
   * be released while the receiver still reads. (Wrapped memory is the caller's: keep it alive
   * until the receivers are done.)
   *
   * @return the bytes
   * @throws IllegalStateException after release
   */
  @Override
  public MemorySegment acquireExport() {
    Text t = live();
    EncodedBuffer buffer = owner.buffer();
    CrossInterpreterView view = owner.view();
    if (buffer != null) {
      buffer.acquireExport();
      owner.touchExported();
    } else if (view != null) {
      CrossInterpreterView share = view.share();
      synchronized (owner.exported) {
        owner.exported.add(share);
      }
    }
    return t.bytes();
  }

  /**
   * Ends one export: releases the share {@link #acquireExport()} took. Called in the sending
   * interpreter when the receivers released every view of that send.
   *
   * @param exported the bytes {@link #acquireExport()} returned
   */
  @Override
  public void releaseExport(MemorySegment exported) {
    EncodedBuffer buffer = owner.buffer();
    if (buffer != null) {
      buffer.releaseExport(exported);
    } else if (owner.view() != null) {
      CrossInterpreterView share;
      synchronized (owner.exported) {
        share = owner.exported.poll(); // the shares are interchangeable
      }
      if (share != null) {
        share.release();
      }
    }
  }

  /**
   * The encoding's format name, so that the receiver reads the bytes right ({@link
   * #of(CrossInterpreterView)}). Still answers after release.
   *
   * @return e.g. {@code "utf-8"}
   */
  @Override
  public String format() {
    return text.encoding().format();
  }
}
