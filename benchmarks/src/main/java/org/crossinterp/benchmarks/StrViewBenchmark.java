package org.crossinterp.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * S1: a {@link StrView} over 1 MiB of UTF-8 in native memory against {@code new String(bytes,
 * UTF_8)} of the same bytes, for an ASCII and a mixed text ({@link Utf8Corpus}). Targets: at
 * least 3 times faster to first use; {@code hashCode} and {@code equals} within 1.2 times of
 * String's. Also measured, without a target: {@code contentEquals(String)}, a {@code charAt}
 * scan of every char, and {@code indexOf} of an absent char.
 *
 * <p><b>First use</b> is what a receiver pays before it can read: {@code StrView.wrap} (which
 * validates all the UTF-8) and one {@code charAt} in the middle, against decoding into a String
 * and the same {@code charAt}. On non-ASCII text that first {@code charAt} also builds the
 * StrView's sparse index, so it is part of the cost.
 *
 * <p><b>hashCode</b> is measured on a fresh object every invocation: both StrView and String
 * cache their hash, so hashing the same object again would measure a field read. A {@code
 * Level.Invocation} setup, outside the timed region, makes a new StrView (wrap) and a new String
 * (decode) each time; JMH's per-invocation bookkeeping (tens of ns) is negligible against
 * hashing 1 MiB. Both objects are fresh from their own construction, which has just read every
 * byte, so both hash from warm caches.
 *
 * <p><b>equals</b> compares two StrViews over two distinct segments holding the same bytes, and
 * two distinct Strings of the same text: neither can stop at an identity check.
 *
 * <p>The texts live in a shared arena allocated per trial. One benchmark thread, in the main
 * interpreter; nothing is exported, and the teardown checks that the main interpreter pins
 * nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkArgs.XMS_SMALL, ForkArgs.XMX_SMALL, ForkArgs.REGION_LARGE, ForkArgs.PRETOUCH})
public class StrViewBenchmark {
  /** The text: ASCII only, or about one char in four outside ASCII. */
  @Param({"ascii", "mixed"})
  public String text;

  private Arena arena;
  private byte[] bytes;
  private MemorySegment segment;
  private StrView view;
  private StrView otherView;
  private String string;
  private String otherString;

  /** Generates the text and copies it into two native segments. */
  @Setup(Level.Trial)
  public void setUp() {
    arena = Arena.ofShared();
    bytes = Utf8Corpus.generate(text);
    segment = arena.allocate(bytes.length);
    MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
    MemorySegment other = arena.allocate(bytes.length);
    other.copyFrom(segment);
    view = StrView.wrap(segment, Encoding.UTF8);
    otherView = StrView.wrap(other, Encoding.UTF8);
    string = new String(bytes, StandardCharsets.UTF_8);
    otherString = new String(bytes, StandardCharsets.UTF_8);
    if (!view.contentEquals(string) || view.hashCode() != string.hashCode()) {
      throw new IllegalStateException("StrViewBenchmark: StrView and String disagree on the text");
    }
    // a fresh wrap: the view used by contentEquals must not have its hash cached
    view.release();
    view = StrView.wrap(segment, Encoding.UTF8);
  }

  /**
   * First use of a StrView: wrap (validating) and read the middle char.
   *
   * @return the char
   */
  @Benchmark
  public char firstUseStrView() {
    StrView v = StrView.wrap(segment, Encoding.UTF8);
    return v.charAt(v.length() >>> 1);
  }

  /**
   * Baseline: decode into a String and read the middle char.
   *
   * @return the char
   */
  @Benchmark
  public char firstUseString() {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.charAt(s.length() >>> 1);
  }

  /**
   * hashCode of a StrView that has not computed it yet.
   *
   * @param fresh a new StrView for this invocation
   * @return the hash
   */
  @Benchmark
  public int hashCodeStrView(FreshView fresh) {
    return fresh.view.hashCode();
  }

  /**
   * Baseline: hashCode of a String that has not computed it yet.
   *
   * @param fresh a new String for this invocation
   * @return the hash
   */
  @Benchmark
  public int hashCodeString(FreshString fresh) {
    return fresh.string.hashCode();
  }

  /**
   * equals between two StrViews of the same text over different memory.
   *
   * @return true
   */
  @Benchmark
  public boolean equalsStrView() {
    return view.equals(otherView);
  }

  /**
   * Baseline: equals between two distinct Strings of the same text.
   *
   * @return true
   */
  @Benchmark
  public boolean equalsString() {
    return string.equals(otherString);
  }

  /**
   * A StrView compared with a String of the same text (its baseline is {@link #equalsString}).
   *
   * @return true
   */
  @Benchmark
  public boolean contentEqualsStrView() {
    return view.contentEquals(otherString);
  }

  /**
   * Reads every char of the StrView in order.
   *
   * @return a sum of the chars, so that no read is dead
   */
  @Benchmark
  public int charAtScanStrView() {
    StrView v = view;
    int sum = 0;
    for (int i = 0, n = v.length(); i < n; i++) {
      sum += v.charAt(i);
    }
    return sum;
  }

  /**
   * Baseline: reads every char of the String in order.
   *
   * @return a sum of the chars
   */
  @Benchmark
  public int charAtScanString() {
    String s = string;
    int sum = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      sum += s.charAt(i);
    }
    return sum;
  }

  /**
   * Searches the StrView for a char it does not contain (a full scan).
   *
   * @return -1
   */
  @Benchmark
  public int indexOfStrView() {
    return view.indexOf(Utf8Corpus.ABSENT);
  }

  /**
   * Baseline: searches the String for the same absent char.
   *
   * @return -1
   */
  @Benchmark
  public int indexOfString() {
    return string.indexOf(Utf8Corpus.ABSENT);
  }

  /**
   * Frees the texts and fails if anything is pinned in the main interpreter.
   *
   * @throws IllegalStateException if a share leaked
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    view.release();
    otherView.release();
    arena.close();
    SharesCheck.assertNothingPinned("StrViewBenchmark(" + text + ")");
  }

  /** A StrView that has not hashed yet, made anew (outside the timing) for every invocation. */
  @State(Scope.Thread)
  public static class FreshView {
    StrView view;

    /**
     * Wraps the text again.
     *
     * @param b the benchmark's texts
     */
    @Setup(Level.Invocation)
    public void make(StrViewBenchmark b) {
      view = StrView.wrap(b.segment, Encoding.UTF8);
    }
  }

  /** A String that has not hashed yet, decoded anew (outside the timing) for every invocation. */
  @State(Scope.Thread)
  public static class FreshString {
    String string;

    /**
     * Decodes the text again.
     *
     * @param b the benchmark's texts
     */
    @Setup(Level.Invocation)
    public void make(StrViewBenchmark b) {
      string = new String(b.bytes, StandardCharsets.UTF_8);
    }
  }
}
