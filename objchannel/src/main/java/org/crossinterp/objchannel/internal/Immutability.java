package org.crossinterp.objchannel.internal;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.crossinterp.Channel;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.strview.StrView;

/**
 * Rule 1 of the sharing protocol: which objects are immutable, so that the receiver may get the
 * identical object. Decided once per class ({@link ClassValue}); records are checked by the
 * declared types of their components, so that a record holding a {@code List} or a {@code
 * StringBuilder} is not taken for immutable.
 */
public final class Immutability {
  private static final Set<Class<?>> VALUES =
      Set.of(
          String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
          Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class,
          OptionalInt.class, OptionalLong.class, OptionalDouble.class, Interpreter.class,
          StrView.class);

  private static final ClassValue<Kind> KINDS =
      new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> c) {
          return classify(c);
        }
      };

  private static final ClassValue<Boolean> PROVABLY_IMMUTABLE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
          return provablyImmutable(c, new java.util.HashSet<>());
        }
      };

  private Immutability() {}

  static Kind kindOf(Class<?> c) {
    return KINDS.get(c);
  }

  private static Kind classify(Class<?> c) {
    if (c == Optional.class) {
      return Kind.OPTIONAL;
    }
    if (isImmutableCollection(c)) {
      return Kind.IMMUTABLE_COLLECTION;
    }
    if (c == CrossInterpreterView.class) {
      return Kind.VIEW;
    }
    return PROVABLY_IMMUTABLE.get(c) ? Kind.VALUE : Kind.OTHER;
  }

  /**
   * The JDK's immutable collections: {@code List.of}, {@code Set.of}, {@code Map.of}, their
   * {@code copyOf}s, {@code Stream.toList()}, sublists of these, {@code Map.entry}, and the empty
   * and singleton collections of {@code Collections}. Their iterators (in the same nest) are
   * mutable and excluded; {@code Collections.unmodifiable*} are views of mutable collections
   * and excluded too.
   */
  private static boolean isImmutableCollection(Class<?> c) {
    if (c.getModule() != Object.class.getModule()) {
      return false;
    }
    String n = c.getName();
    boolean immutable =
        n.startsWith("java.util.ImmutableCollections$")
            || n.equals("java.util.KeyValueHolder")
            || n.startsWith("java.util.Collections$Empty")
            || n.startsWith("java.util.Collections$Singleton");
    return immutable
        && (Collection.class.isAssignableFrom(c)
            || Map.class.isAssignableFrom(c)
            || Map.Entry.class.isAssignableFrom(c));
  }

  /**
   * Whether every instance of a variable declared {@code c} is immutable. {@code visiting}
   * holds the records and sealed types being decided, so that recursive data types (a sealed
   * list of records) terminate: a type met again is decided by its other parts.
   */
  private static boolean provablyImmutable(Class<?> c, Set<Class<?>> visiting) {
    if (c.isPrimitive() || VALUES.contains(c) || c.isEnum() || isJavaTime(c)) {
      return true;
    }
    if (Channel.class.isAssignableFrom(c)) {
      return true; // channels are how interpreters share: thread-safe, they cross as themselves
    }
    if (c.getSuperclass() != null && c.getSuperclass().isEnum()) {
      return true; // an enum constant with a body
    }
    if (c.isRecord()) {
      if (!visiting.add(c)) {
        return true;
      }
      for (RecordComponent rc : c.getRecordComponents()) {
        if (!provablyImmutable(rc.getType(), visiting)) {
          return false;
        }
      }
      return true;
    }
    if (c.isSealed()) {
      // a sealed type all of whose permitted subtypes are immutable (records, enums...)
      if (!visiting.add(c)) {
        return true;
      }
      for (Class<?> sub : c.getPermittedSubclasses()) {
        if (!provablyImmutable(sub, visiting)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * The value classes of {@code java.time}: final, immutable and thread-safe by specification.
   * Not {@code DateTimeFormatterBuilder} and the parsing state of {@code java.time.format}
   * (mutable), not the clocks (a clock may wrap any {@code InstantSource}), not exceptions.
   */
  private static boolean isJavaTime(Class<?> c) {
    if (c.getModule() != Object.class.getModule()
        || !Modifier.isFinal(c.getModifiers())
        || Throwable.class.isAssignableFrom(c)) {
      return false;
    }
    boolean isPublic = Modifier.isPublic(c.getModifiers());
    return switch (c.getPackageName()) {
      // ZoneRegion and the chrono implementations are package-private top-level value classes
      case "java.time", "java.time.chrono" ->
          (isPublic || c.getEnclosingClass() == null) && !c.getSimpleName().equals("Ser");
      case "java.time.temporal", "java.time.zone" -> isPublic;
      case "java.time.format" -> c == DateTimeFormatter.class || c == DecimalStyle.class;
      default -> false;
    };
  }

  /** Whether every value of a variable declared {@code c} crosses as is. */
  public static boolean isShareableType(Class<?> c) {
    return PROVABLY_IMMUTABLE.get(c);
  }

  /**
   * Whether {@code o} crosses as is (rule 1). A {@code CrossInterpreterView} counts (it crosses
   * as a new share of its export), but only at the top: inside an {@code Optional} or an
   * immutable collection it would cross as the identical object, so such a container is not.
   */
  public static boolean isShareable(Object o) {
    if (o == null) {
      return false;
    }
    Kind k = kindOf(o.getClass());
    return k == Kind.VIEW ? !((CrossInterpreterView) o).isReleased() : isValue(o, k);
  }

  /** Whether {@code o} is an immutable value that crosses as the identical object. */
  static boolean isValue(Object o) {
    return o != null && isValue(o, kindOf(o.getClass()));
  }

  private static boolean isValue(Object o, Kind k) {
    return switch (k) {
      case VALUE -> true;
      case OPTIONAL -> ((Optional<?>) o).map(Immutability::isValue).orElse(true);
      case IMMUTABLE_COLLECTION -> allValues(o);
      case VIEW, OTHER -> false;
    };
  }

  /** Why a record class is not shareable as is, or null if it is (for messages). */
  public static String recordProblem(Class<?> c) {
    if (!c.isRecord()) {
      return null;
    }
    for (RecordComponent rc : c.getRecordComponents()) {
      if (!PROVABLY_IMMUTABLE.get(rc.getType()) && !rc.getType().isPrimitive()) {
        return "its component '" + rc.getName() + "' is declared as " + rc.getType().getName()
            + ", which is not provably immutable";
      }
    }
    return null;
  }

  private static boolean allValues(Object o) {
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!isValue(e.getKey()) || !isValue(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (o instanceof Map.Entry<?, ?> e) {
      return isValue(e.getKey()) && isValue(e.getValue());
    }
    for (Object e : (Collection<?>) o) {
      if (!isValue(e)) {
        return false;
      }
    }
    return true;
  }
}
