package org.crossinterp.internal.interp;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The process-wide registry of domains: ids, the main domain, the open domains in creation
 * order, and the listeners told when one closes (channels use it to apply {@code
 * UnboundPolicy.REMOVE}).
 */
public final class Domains {
  private static final AtomicLong IDS = new AtomicLong();
  private static final ConcurrentSkipListMap<Long, Domain> OPEN = new ConcurrentSkipListMap<>();
  private static final CopyOnWriteArrayList<Consumer<Domain>> CLOSE_LISTENERS =
      new CopyOnWriteArrayList<>();
  private static final Domain MAIN =
      register(new Domain(IDS.getAndIncrement(), "main", false, null, null));

  private Domains() {}

  /** The main domain, id 0. */
  public static Domain main() {
    return MAIN;
  }

  /**
   * Creates a domain with the next id. It is registered (listed by {@link #open()}) once its
   * public handle binds it ({@link Domain#bind}).
   *
   * @param name its name, or null for a generated one
   * @param dedicatedThread whether every task runs on the domain's own thread
   * @param onEnter hook run after each take of its lock, or null
   * @param onLeave hook run before each give-back of its lock, or null
   */
  public static Domain create(
      String name, boolean dedicatedThread, Runnable onEnter, Runnable onLeave) {
    long id = IDS.getAndIncrement();
    return new Domain(id, name == null ? "interp-" + id : name, dedicatedThread, onEnter, onLeave);
  }

  static Domain register(Domain d) {
    OPEN.put(d.id(), d);
    return d;
  }

  /** The open domains, in creation order. */
  public static List<Domain> open() {
    return List.copyOf(OPEN.values());
  }

  /** Adds a listener told (on the closing thread) after a domain closed. */
  public static void onClose(Consumer<Domain> listener) {
    CLOSE_LISTENERS.add(listener);
  }

  static void closed(Domain d) {
    OPEN.remove(d.id());
    for (Consumer<Domain> l : CLOSE_LISTENERS) {
      l.accept(d);
    }
  }
}
