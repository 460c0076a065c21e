package org.crossinterp.strview;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.crossinterp.strview.internal.Text;

/**
 * A cursor over the parts of a {@link StrView} (its {@link StrView#lines() lines} or {@link
 * StrView#tokens(char) tokens}) that allocates nothing per part: {@link #next()} moves to the
 * next part, whose bounds, {@link #hash() hash} and {@link #contentEquals content} can be read
 * in place; {@link #token()} makes a StrView of it only when one is wanted.
 *
 * <p>Not thread-safe: one thread iterates a tokenizer. {@link #iterator()} offers plain
 * (allocating) iteration from the start, for convenience.
 */
public final class Tokenizer implements Iterable<StrView> {
  private final StrView source;
  private final Text text;
  private final boolean lines;
  private final char separator;
  private int pos;
  private int start = -1;
  private int end = -1;

  private Tokenizer(StrView source, Text text, boolean lines, char separator) {
    this.source = source;
    this.text = text;
    this.lines = lines;
    this.separator = separator;
  }

  static Tokenizer lines(StrView source, Text text) {
    return new Tokenizer(source, text, true, '\n');
  }

  static Tokenizer tokens(StrView source, Text text, char separator) {
    return new Tokenizer(source, text, false, separator);
  }

  /**
   * Moves to the next part.
   *
   * @return false when there is none
   * @throws IllegalStateException if the source StrView was released
   */
  public boolean next() {
    source.checkLive();
    int n = text.length();
    return lines ? nextLine(n) : nextToken(n);
  }

  private boolean nextLine(int n) {
    if (pos >= n) {
      start = end = -1;
      return false;
    }
    int i = pos;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    start = pos;
    end = i;
    if (i < n && text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
      pos = i + 2;
    } else {
      pos = i + 1;
    }
    return true;
  }

  private boolean nextToken(int n) {
    int i = pos;
    while (i < n && text.charAt(i) == separator) {
      i++;
    }
    if (i >= n) {
      pos = n;
      start = end = -1;
      return false;
    }
    int e = text.indexOf(separator, i); // a scan, not a charAt per char
    start = i;
    end = e < 0 ? n : e;
    pos = end;
    return true;
  }

  private void checkCurrent() {
    if (start < 0) {
      throw new IllegalStateException("no current part: call next() and check that it returned true");
    }
  }

  /**
   * The current part's first char index in the source.
   *
   * @return the index
   */
  public int start() {
    checkCurrent();
    return start;
  }

  /**
   * One past the current part's last char index in the source.
   *
   * @return the index
   */
  public int end() {
    checkCurrent();
    return end;
  }

  /**
   * The current part's length in chars.
   *
   * @return the length
   */
  public int length() {
    checkCurrent();
    return end - start;
  }

  /**
   * {@link String#hashCode()} of the current part, computed in place.
   *
   * @return the hash
   */
  public int hash() {
    checkCurrent();
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }

  /**
   * Whether the current part holds the same chars as {@code cs}, compared in place.
   *
   * @param cs any char sequence
   * @return true for the same text
   */
  public boolean contentEquals(CharSequence cs) {
    checkCurrent();
    if (cs.length() != end - start) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (text.charAt(i) != cs.charAt(i - start)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The current part as a StrView over the same bytes (one small allocation, no copy), valid
   * while the source is.
   *
   * @return the part
   */
  public StrView token() {
    checkCurrent();
    source.checkLive();
    return source.part(text.sub(start, end));
  }

  /** Plain iteration over every part from the start, allocating a StrView per part. */
  @Override
  public Iterator<StrView> iterator() {
    Tokenizer t = new Tokenizer(source, text, lines, separator);
    return new Iterator<>() {
      private boolean ready;
      private boolean more;

      @Override
      public boolean hasNext() {
        if (!ready) {
          more = t.next();
          ready = true;
        }
        return more;
      }

      @Override
      public StrView next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        return t.token();
      }
    };
  }
}
