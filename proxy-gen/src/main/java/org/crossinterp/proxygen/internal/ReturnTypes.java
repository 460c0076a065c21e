package org.crossinterp.proxygen.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What the return types of one Java method's declarations (the descriptors of one method graph
 * node) allow: a single most specific one (javac's covariant override: one method and bridges),
 * several (Java 21's {@code List.reversed()} returning {@code List} and {@code Deque.reversed()}
 * returning {@code Deque}: one method per most specific descriptor), or none that any class
 * could satisfy at once ({@code int} and {@code String}: the types cannot be implemented
 * together). Works on erasures, as the JVM does.
 */
final class ReturnTypes {
  private ReturnTypes() {}

  /** Whether one descriptor returns a type assignable to the return type of every other. */
  static boolean haveMostSpecific(Collection<MethodDescription.TypeToken> types) {
    for (MethodDescription.TypeToken candidate : types) {
      if (assignableToAll(candidate.getReturnType(), types)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The descriptors whose return type no other descriptor narrows: each needs a method of its
   * own; every other descriptor can be a bridge to one of them.
   */
  static List<MethodDescription.TypeToken> heads(Collection<MethodDescription.TypeToken> types) {
    List<MethodDescription.TypeToken> heads = new ArrayList<>();
    for (MethodDescription.TypeToken t : types) {
      boolean narrowed = false;
      for (MethodDescription.TypeToken other : types) {
        TypeDescription r = other.getReturnType();
        if (!r.equals(t.getReturnType()) && r.isAssignableTo(t.getReturnType())) {
          narrowed = true;
          break;
        }
      }
      if (!narrowed) {
        heads.add(t);
      }
    }
    return heads;
  }

  /**
   * Whether some type could be an instance of every return type, so that one object (the real
   * object's result) satisfies every descriptor. Primitive and void returns must be equal; of the
   * classes (arrays included), one must extend all others; if that one is final (or an array),
   * it must implement every interface, else a subclass could.
   */
  static boolean haveCommonSubtype(Collection<MethodDescription.TypeToken> types) {
    TypeDescription narrowestClass = null;
    List<TypeDescription> interfaces = new ArrayList<>();
    TypeDescription primitive = null;
    boolean reference = false;
    for (MethodDescription.TypeToken t : types) {
      TypeDescription r = t.getReturnType();
      if (r.isPrimitive()) { // void included
        if (primitive != null && !primitive.equals(r)) {
          return false;
        }
        primitive = r;
      } else if (r.isInterface()) {
        reference = true;
        interfaces.add(r);
      } else {
        reference = true;
        if (narrowestClass == null || r.isAssignableTo(narrowestClass)) {
          narrowestClass = r;
        } else if (!narrowestClass.isAssignableTo(r)) {
          return false; // two classes, neither extends the other
        }
      }
    }
    if (primitive != null) {
      return !reference;
    }
    if (narrowestClass == null || !(narrowestClass.isFinal() || narrowestClass.isArray())) {
      return true;
    }
    for (TypeDescription i : interfaces) {
      if (!narrowestClass.isAssignableTo(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean assignableToAll(
      TypeDescription candidate, Collection<MethodDescription.TypeToken> types) {
    for (MethodDescription.TypeToken other : types) {
      if (!candidate.isAssignableTo(other.getReturnType())) {
        return false;
      }
    }
    return true;
  }
}
