package org.crossinterp.objchannel;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Comparator;
import org.crossinterp.Interpreter;
import org.crossinterp.objchannel.Fixtures.BoxImpl;

/**
 * Fixtures for arrays passed to proxy calls (copy-restore). Public, so that proxy classes can be
 * generated for them.
 */
public final class ArrayFixtures {
  private ArrayFixtures() {}

  /** Methods that write into the arrays they are given, as out-parameter APIs do. */
  public interface ArrayOps {
    /** Sorts {@code a} in place, by natural order. */
    void sort(Object[] a);

    /**
     * Sorts {@code a} in place with {@code order}.
     *
     * @param <T> the element type
     */
    <T> void sort(T[] a, Comparator<? super T> order);

    /** Sorts each row in place, then reverses the order of the rows. */
    void sortRowsAndReverse(Object[][] rows);

    /** Reverses any array, of objects or primitives, in place. */
    void reverse(Object array);

    /** Swaps two elements. */
    void swap(Object[] a, int i, int j);

    /** Writes {@code value} at {@code index} and returns the array itself. */
    Object[] put(Object[] a, int index, Object value);

    /** A new array holding {@code a} twice. */
    Object[] wrapTwice(Object[] a);

    /** Writes "written" into {@code a[0]} and returns {@code b[0]}. */
    Object writeThenRead(Object[] a, Object[] b);

    /** Writes {@code value} into {@code a[0]}, then throws {@link IllegalStateException}. */
    void writeThenThrow(Object[] a, Object value);

    /**
     * Writes the objects stored in the owner ({@code ArrayOpsImpl.toWrite}) into {@code a} at
     * their indices, skipping nulls.
     */
    void writeStored(Object[] a);

    /** As {@link #writeStored}, then throws {@link IllegalStateException}. */
    void writeStoredThenThrow(Object[] a);

    /**
     * Fills {@code b[off..off+len)} with the next bytes of a counter, as {@code InputStream.read}
     * does.
     *
     * @return {@code len}
     */
    int read(byte[] b, int off, int len);

    /**
     * Makes a {@code String[n]} here, has {@code filler} fill it (a call back into the caller),
     * and returns it.
     */
    String[] askToFill(Filler filler, int n);
  }

  /** Fills the array it is given; implemented by callers, called back by the owner. */
  public interface Filler {
    /** Writes into {@code out}. */
    void fill(String[] out);
  }

  /** The owner's implementation. */
  public static final class ArrayOpsImpl implements ArrayOps {
    /** What {@link #writeStored} writes; set in the owner by the test. */
    public Object[] toWrite = new Object[0];

    private byte next;

    /** Public, for the tests. */
    public ArrayOpsImpl() {}

    @Override
    public void sort(Object[] a) {
      Arrays.sort(a);
    }

    @Override
    public <T> void sort(T[] a, Comparator<? super T> order) {
      Arrays.sort(a, order);
    }

    @Override
    public void sortRowsAndReverse(Object[][] rows) {
      for (Object[] row : rows) {
        Arrays.sort(row);
      }
      for (int i = 0, j = rows.length - 1; i < j; i++, j--) {
        Object[] t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
    }

    @Override
    public void reverse(Object array) {
      for (int i = 0, j = Array.getLength(array) - 1; i < j; i++, j--) {
        Object t = Array.get(array, i);
        Array.set(array, i, Array.get(array, j));
        Array.set(array, j, t);
      }
    }

    @Override
    public void swap(Object[] a, int i, int j) {
      Object t = a[i];
      a[i] = a[j];
      a[j] = t;
    }

    @Override
    public Object[] put(Object[] a, int index, Object value) {
      a[index] = value;
      return a;
    }

    @Override
    public Object[] wrapTwice(Object[] a) {
      return new Object[] {a, a};
    }

    @Override
    public Object writeThenRead(Object[] a, Object[] b) {
      a[0] = "written";
      return b[0];
    }

    @Override
    public void writeThenThrow(Object[] a, Object value) {
      a[0] = value;
      throw new IllegalStateException("thrown after the write");
    }

    @Override
    public void writeStored(Object[] a) {
      for (int i = 0; i < toWrite.length; i++) {
        if (toWrite[i] != null) {
          a[i] = toWrite[i];
        }
      }
    }

    @Override
    public void writeStoredThenThrow(Object[] a) {
      writeStored(a);
      throw new IllegalStateException("thrown after the writes");
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        b[i] = next++;
      }
      return len;
    }

    @Override
    public String[] askToFill(Filler filler, int n) {
      String[] mine = new String[n];
      filler.fill(mine);
      return mine;
    }
  }

  /** A filler that writes where it runs. */
  public static final class WhereFiller implements Filler {
    /** Public, for the tests. */
    public WhereFiller() {}

    @Override
    public void fill(String[] out) {
      Arrays.fill(out, "filled in " + Interpreter.current().name());
    }
  }

  /** A box made in the calling thread's interpreter, naming it. */
  static BoxImpl boxHere() {
    return new BoxImpl("made in " + Interpreter.current().name());
  }
}
