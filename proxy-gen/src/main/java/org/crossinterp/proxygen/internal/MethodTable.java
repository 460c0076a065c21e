package org.crossinterp.proxygen.internal;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import org.crossinterp.proxygen.NotProxyableException;

/**
 * The methods a proxy routes, each with a compact id: its index. {@code equals}, {@code hashCode}
 * and {@code toString} always come first (ids 0, 1, 2); the others follow sorted by name and
 * descriptor, so ids do not depend on the order reflection happens to list methods in.
 *
 * <p>The table is read from ByteBuddy's method graph of the class about to be generated, the same
 * graph ByteBuddy implements it from. One graph node is one Java method as the language sees it:
 * generic bridges ({@code set(Object)} of {@code Box<T>} and {@code set(Integer)} of {@code
 * IntBox extends Box<Integer>}), covariant returns and the same method declared by several
 * interfaces are one node. ByteBuddy writes bridges for the node's other descriptors, so every
 * descriptor reaches the same id. (Reading {@code Class.getMethods()} instead, as a first version
 * did, names {@code set(Object)} where the graph only knows {@code set(Integer)}: the method was
 * never implemented and calls failed with {@code AbstractMethodError}.)
 *
 * <p>One exception: declarations whose return types no single one narrows ({@code List.reversed()}
 * returning {@code List}, {@code Deque.reversed()} returning {@code Deque}) are split by {@link
 * CovariantSplitCompiler} into one node, and so one id, per most specific descriptor. Each id's
 * method then has the return type a result must have for that descriptor.
 *
 * <p>Routed: every public method a subclass can override. Refused: public final methods and
 * abstract non-public methods of a superclass (the proxy would not route them, or could not be
 * instantiated), and a method whose declarations return types no object can have at once
 * ({@code int} and {@code String}, or two unrelated classes: no class can implement them all).
 */
public final class MethodTable {
  /** Id of {@code equals}. */
  public static final int EQUALS = 0;

  /** Id of {@code hashCode}. */
  public static final int HASH_CODE = 1;

  /** Id of {@code toString}. */
  public static final int TO_STRING = 2;

  /** The marker method every proxy implements itself; never routed. */
  static final String DISPATCHER_ACCESSOR = "$crossinterp$dispatcher";

  private static final List<String> OBJECT_METHODS =
      List.of("equals(Ljava/lang/Object;)Z", "hashCode()I", "toString()Ljava/lang/String;");

  /** The graph ByteBuddy writes the class from, too: {@link ClassGenerator} uses it. */
  static final MethodGraph.Compiler COMPILER = CovariantSplitCompiler.INSTANCE;

  private final List<MethodDescription.SignatureToken> tokens;
  private final List<Method> methods;

  private MethodTable(List<MethodDescription.SignatureToken> tokens, List<Method> methods) {
    this.tokens = List.copyOf(tokens);
    this.methods = List.copyOf(methods);
  }

  /**
   * Reads the routed methods of a type about to be generated.
   *
   * @param instrumented the type being built (ByteBuddy's view of superclass and interfaces)
   * @param superclass the loaded superclass; {@code Object} for interface proxies
   * @param interfaces the loaded interfaces
   * @return the table
   * @throws NotProxyableException if a method cannot be routed
   */
  public static MethodTable of(
      TypeDescription instrumented, Class<?> superclass, List<Class<?>> interfaces) {
    MethodGraph.Linked graph = COMPILER.compile(instrumented);
    MethodDescription[] fixed = new MethodDescription[OBJECT_METHODS.size()];
    List<MethodDescription> routed = new ArrayList<>();
    List<String> unroutable = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (MethodGraph.Node node : graph.listNodes()) {
      MethodDescription rep = node.getRepresentative();
      if (rep.isStatic() || rep.isPrivate() || !rep.isMethod()) {
        continue;
      }
      int objectId = OBJECT_METHODS.indexOf(rep.getName() + rep.getDescriptor());
      if (objectId >= 0) {
        fixed[objectId] = rep;
        continue;
      }
      if (rep.getDeclaringType().represents(Object.class)
          || (rep.getName().equals(DISPATCHER_ACCESSOR) && rep.getParameters().isEmpty())) {
        continue; // getClass, wait, notify (final), clone, finalize (protected): not routed
      }
      if (rep.isFinal()) {
        if (rep.isPublic()) {
          unroutable.add(rep.toString() + " is final");
        }
        continue;
      }
      if (!rep.isPublic()) {
        if (rep.isAbstract()) {
          unroutable.add(rep.toString() + " is abstract and not public");
        }
        continue; // protected and package-private methods keep the superclass's code
      }
      if (!ReturnTypes.haveMostSpecific(node.getMethodTypes())) {
        // not split, so no object could satisfy all of them: name every declaration
        conflicts.add(declarations(instrumented, node));
        continue;
      }
      routed.add(rep);
    }
    if (!unroutable.isEmpty()) {
      throw new NotProxyableException(
          superclass.getName() + " has methods a proxy cannot route: " + unroutable
              + ". Proxy it through an interface it implements"
              + " (ProxyFactory.proxyableInterfaces), or make those methods public and not final");
    }
    if (!conflicts.isEmpty()) {
      throw new NotProxyableException(
          "no class can implement " + types(superclass, interfaces) + ": "
              + String.join("; ", conflicts) + ". Proxy through fewer interfaces");
    }
    routed.sort(
        Comparator.comparing(MethodDescription::getName)
            .thenComparing(MethodDescription::getDescriptor));
    List<MethodDescription> all = new ArrayList<>(List.of(fixed)); // never null: Object has them
    all.addAll(routed);
    List<Class<?>> hierarchy = hierarchy(superclass, interfaces);
    List<MethodDescription.SignatureToken> tokens = new ArrayList<>();
    List<Method> methods = new ArrayList<>();
    for (int id = 0; id < all.size(); id++) {
      MethodDescription rep = all.get(id);
      tokens.add(rep.asSignatureToken());
      methods.add(id < fixed.length ? objectMethod(id) : loaded(rep.asDefined(), hierarchy));
    }
    return new MethodTable(tokens, methods);
  }

  /**
   * The methods, indexed by id. For a method declared more than once, the declaration ByteBuddy
   * implements; calling it on any object of the proxied types performs the call.
   *
   * @return the methods
   */
  public List<Method> methods() {
    return methods;
  }

  /**
   * The signature the generated class implements for an id (bridges are added for the others).
   *
   * @param id the method id
   * @return its signature as ByteBuddy sees it
   */
  public MethodDescription.SignatureToken token(int id) {
    return tokens.get(id);
  }

  /** The number of routed methods. */
  int size() {
    return tokens.size();
  }

  /** {@code "A.m() returns X and B.m() returns Y: no object is both"}, declarations sorted. */
  private static String declarations(TypeDescription instrumented, MethodGraph.Node node) {
    List<String> each = new ArrayList<>();
    for (MethodDescription d : CovariantSplitCompiler.declarations(instrumented, node)) {
      each.add(d.getDeclaringType().asErasure().getName() + "." + d.getName() + "("
          + String.join(", ", d.getParameters().asTypeList().asErasures().stream()
              .map(TypeDescription::getName).toList())
          + ") returns " + d.getReturnType().asErasure().getName());
    }
    each.sort(null);
    return String.join(" and ", each) + ": no object is an instance of all these types";
  }

  private static String types(Class<?> superclass, List<Class<?>> interfaces) {
    List<String> out = new ArrayList<>();
    if (superclass != Object.class) {
      out.add(superclass.getName());
    }
    for (Class<?> i : interfaces) {
      out.add(i.getName());
    }
    return out.toString();
  }

  private static Method objectMethod(int id) {
    try {
      return switch (id) {
        case EQUALS -> Object.class.getMethod("equals", Object.class);
        case HASH_CODE -> Object.class.getMethod("hashCode");
        default -> Object.class.getMethod("toString");
      };
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /** The reflective method behind a ByteBuddy description of a loaded type's method. */
  private static Method loaded(MethodDescription.InDefinedShape defined, List<Class<?>> hierarchy) {
    if (defined instanceof MethodDescription.ForLoadedMethod m) {
      return m.getLoadedMethod();
    }
    String owner = defined.getDeclaringType().getName();
    String descriptor = defined.getDescriptor();
    for (Class<?> c : hierarchy) {
      if (c.getName().equals(owner)) {
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(defined.getName())
              && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                  .toMethodDescriptorString()
                  .equals(descriptor)) {
            return m;
          }
        }
      }
    }
    throw new IllegalStateException("no loaded method for " + defined);
  }

  /** Every class and interface the proxy inherits from. */
  private static List<Class<?>> hierarchy(Class<?> superclass, List<Class<?>> interfaces) {
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(interfaces);
    for (Class<?> k = superclass; k != null; k = k.getSuperclass()) {
      todo.add(k);
    }
    List<Class<?>> out = new ArrayList<>();
    while (!todo.isEmpty()) {
      Class<?> c = todo.poll();
      if (seen.add(c)) {
        out.add(c);
        todo.addAll(List.of(c.getInterfaces()));
      }
    }
    return out;
  }
}
