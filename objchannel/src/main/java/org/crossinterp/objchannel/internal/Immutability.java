package org.crossinterp.objchannel.internal;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.crossinterp.Interpreter;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.objchannel.ObjChannel;
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
          MemChannel.class, ObjChannel.class, StrView.class);

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
    if (c.getName().startsWith("java.util.ImmutableCollections$")) {
      return Kind.IMMUTABLE_COLLECTION;
    }
    if (c == CrossInterpreterView.class) {
      return Kind.VIEW;
    }
    return PROVABLY_IMMUTABLE.get(c) ? Kind.VALUE : Kind.OTHER;
  }

  /** Whether every instance of a variable declared {@code c} is immutable. */
  private static boolean provablyImmutable(Class<?> c, Set<Class<?>> visiting) {
    if (c.isPrimitive() || VALUES.contains(c) || c.isEnum() || isJavaTime(c)) {
      return true;
    }
    if (c.getSuperclass() != null && c.getSuperclass().isEnum()) {
      return true; // an enum constant with a body
    }
    if (c.isRecord()) {
      if (!visiting.add(c)) {
        return true; // a cycle of record types: decided by the other components
      }
      for (RecordComponent rc : c.getRecordComponents()) {
        if (!provablyImmutable(rc.getType(), visiting)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isJavaTime(Class<?> c) {
    return c.getPackageName().startsWith("java.time")
        && Modifier.isFinal(c.getModifiers())
        && Modifier.isPublic(c.getModifiers());
  }

  /** Whether every value of a variable declared {@code c} crosses as is. */
  public static boolean isShareableType(Class<?> c) {
    return PROVABLY_IMMUTABLE.get(c);
  }

  /** Whether {@code o} crosses as is (rule 1). */
  public static boolean isShareable(Object o) {
    if (o == null) {
      return false;
    }
    return switch (kindOf(o.getClass())) {
      case VALUE -> true;
      case OPTIONAL -> ((Optional<?>) o).map(Immutability::isShareable).orElse(true);
      case IMMUTABLE_COLLECTION -> allShareable(o);
      case VIEW -> !((CrossInterpreterView) o).isReleased();
      case OTHER -> false;
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

  private static boolean allShareable(Object o) {
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!isShareable(e.getKey()) || !isShareable(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    for (Object e : (Collection<?>) o) {
      if (!isShareable(e)) {
        return false;
      }
    }
    return true;
  }
}
