package org.crossinterp.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The figures of the S1, P1 and P2 benchmarks that DESIGN.md sets no target for, each with the
 * baseline it is compared with in the same run (if any) and the ratio of their times.
 */
final class Comparisons {
  private Comparisons() {}

  /**
   * One comparison without a verdict.
   *
   * @param what what is compared
   * @param subject the figure measured
   * @param baseline what it is compared with, or empty for a figure shown on its own
   * @param baselineLabel how the report names the baseline
   */
  record Comparison(String what, Metric subject, Optional<Metric> baseline, String baselineLabel) {
    /**
     * The subject's time over the baseline's.
     *
     * @return the ratio, or empty without a baseline
     */
    Optional<Metric> ratio() {
      return baseline.map(subject::over);
    }
  }

  /**
   * The comparisons whose benchmarks ran, in report order.
   *
   * @param r the run
   * @return the comparisons
   */
  static List<Comparison> of(JmhResults r) {
    List<Comparison> out = new ArrayList<>();
    for (String text : List.of("ascii", "mixed")) {
      String t = ", 1 MiB " + Targets.textLabel(text);
      strView(out, r, text, "`StrView.contentEquals(String)`" + t, "contentEqualsStrView",
          "equalsString", "`String.equals`");
      strView(out, r, text, "`charAt` of every char in order" + t, "charAtScanStrView",
          "charAtScanString", "String");
      strView(out, r, text, "`indexOf` of an absent char (a full scan)" + t, "indexOfStrView",
          "indexOfString", "String");
    }
    pair(out, r, "generated proxy call (dispatcher → `Invoker` → counter), no interpreters",
        Targets.PROXY_GEN + "callGeneratedProxy", Targets.PROXY_GEN + "callDirect", "direct call");
    pair(out, r, "the same generated proxy call", Targets.PROXY_GEN + "callGeneratedProxy",
        Targets.PROXY_GEN + "callReflectProxyMethodInvoke", "JDK proxy + `Method.invoke`");
    pair(out, r, "the same generated proxy call", Targets.PROXY_GEN + "callGeneratedProxy",
        Targets.PROXY_GEN + "callReflectProxyMethodHandle", "JDK proxy + `MethodHandle`");
    pair(out, r, "JDK proxy + lock + `Method.invoke`, from inside B (P1b's baseline)",
        Targets.PROXY_CALL + "reflectProxyCallInsideB", Targets.PROXY_CALL + "lockedDirectCallInsideB",
        "lock + call");
    pair(out, r, "ObjChannel proxy call from inside B (P1a)", Targets.PROXY_CALL + "proxyCallInsideB",
        Targets.PROXY_CALL + "switchingReflectProxyCallInsideB",
        "JDK proxy switching with `A.call` + `Method.invoke`");
    pair(out, r, "proxy call into A from a thread in main (holds no interpreter lock)",
        Targets.PROXY_CALL + "proxyCallFromMain", null, null);
    pair(out, r, "the same proxy call from main", Targets.PROXY_CALL + "proxyCallFromMain",
        Targets.PROXY_CALL + "emptyCallIntoAFromMain", "`A.call` of an empty task from main");
    pair(out, r, "`Proxies.retain` + `Proxies.release` on a live proxy",
        Targets.PROXY_CALL + "retainRelease", null, null);
    pair(out, r, "A sends a counter over an ObjChannel, B receives it (a new proxy), calls it"
            + " once, releases it", Targets.PROXY_CALL + "roundTrip", null, null);
    pair(out, r, "the first proxy class of a fresh JVM (P2a's cold case)",
        Targets.PROXY_CLASS + "coldJvm", null, null);
    return out;
  }

  private static void strView(List<Comparison> out, JmhResults r, String text, String what,
      String subject, String baseline, String baselineLabel) {
    Optional<Figure> s = r.find(Targets.STRVIEW + subject, Targets.TEXT, text);
    Optional<Figure> b = r.find(Targets.STRVIEW + baseline, Targets.TEXT, text);
    s.ifPresent(f -> out.add(new Comparison(what, f.primary(), b.map(Figure::primary), baselineLabel)));
  }

  private static void pair(List<Comparison> out, JmhResults r, String what, String subject,
      String baseline, String baselineLabel) {
    Optional<Figure> s = r.find(subject, null, null);
    Optional<Figure> b = baseline == null ? Optional.empty() : r.find(baseline, null, null);
    s.ifPresent(f -> out.add(new Comparison(what, f.primary(), b.map(Figure::primary), baselineLabel)));
  }
}
