package org.crossinterp.proxygen.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;

/**
 * ByteBuddy's Java method graph, with one change: a method whose declarations return types of
 * which none narrows all others becomes one node per most specific descriptor.
 *
 * <p>Why: since Java 21 {@code List.reversed()} returns {@code List} and {@code
 * Deque.reversed()} returns {@code Deque}. The Java graph merges them into one node (one Java
 * signature) and so into one generated method, which cannot have both return types; every
 * {@code List} + {@code Deque} implementation ({@code LinkedList}) was unproxyable. The JVM
 * links calls by descriptor (name, parameter types and return type), so a class may declare both
 * {@code reversed()Ljava/util/List;} and {@code reversed()Ljava/util/Deque;}, as javac does with
 * bridges. Each such descriptor is therefore its own node, represented by its declaration (found
 * in the {@linkplain MethodGraph.Compiler.Default#forJVMHierarchy() JVM graph}, which keeps one
 * node per descriptor); a descriptor that some head narrows ({@code
 * SequencedCollection.reversed()}) stays a bridge to the first such head.
 *
 * <p>Methods whose return types no single object could satisfy ({@link
 * ReturnTypes#haveCommonSubtype}) are left merged: {@link MethodTable} refuses them.
 *
 * <p>Stateless; the same instance serves {@link MethodTable} and the ByteBuddy instance that
 * writes the class, so both see the same nodes.
 */
final class CovariantSplitCompiler extends MethodGraph.Compiler.AbstractBase {
  /** The one instance. */
  static final CovariantSplitCompiler INSTANCE = new CovariantSplitCompiler();

  private static final MethodGraph.Compiler JVM = MethodGraph.Compiler.Default.forJVMHierarchy();

  private CovariantSplitCompiler() {}

  @Override
  public MethodGraph.Linked compile(TypeDefinition typeDefinition, TypeDescription viewPoint) {
    MethodGraph.Linked java = MethodGraph.Compiler.DEFAULT.compile(typeDefinition, viewPoint);
    MethodGraph.Linked jvm = null;
    List<MethodGraph.Node> nodes = new ArrayList<>();
    for (MethodGraph.Node node : java.listNodes()) {
      Set<MethodDescription.TypeToken> types = node.getMethodTypes();
      if (ReturnTypes.haveMostSpecific(types) || !ReturnTypes.haveCommonSubtype(types)) {
        nodes.add(node);
        continue;
      }
      if (jvm == null) {
        jvm = JVM.compile(typeDefinition, viewPoint); // only for the rare split
      }
      nodes.addAll(split(node, jvm));
    }
    return jvm == null ? java : new Split(java, nodes);
  }

  /**
   * The declaration behind each descriptor of a node, for messages: the JVM graph's node for that
   * descriptor (name, parameters and return type).
   */
  static List<MethodDescription> declarations(TypeDescription type, MethodGraph.Node node) {
    MethodGraph.Linked jvm = JVM.compile((TypeDefinition) type);
    List<MethodDescription> out = new ArrayList<>();
    for (MethodDescription.TypeToken t : node.getMethodTypes()) {
      out.add(declaration(jvm, node.getRepresentative().getInternalName(), t));
    }
    return out;
  }

  private static List<MethodGraph.Node> split(MethodGraph.Node node, MethodGraph.Linked jvm) {
    String name = node.getRepresentative().getInternalName();
    List<MethodDescription.TypeToken> heads = ReturnTypes.heads(node.getMethodTypes());
    heads.sort((a, b) -> descriptor(a).compareTo(descriptor(b))); // stable, whatever set order
    List<Set<MethodDescription.TypeToken>> bridged = new ArrayList<>();
    for (MethodDescription.TypeToken h : heads) {
      bridged.add(new LinkedHashSet<>(List.of(h)));
    }
    for (MethodDescription.TypeToken t : node.getMethodTypes()) {
      if (!heads.contains(t)) {
        for (int i = 0; i < heads.size(); i++) {
          if (heads.get(i).getReturnType().isAssignableTo(t.getReturnType())) {
            bridged.get(i).add(t);
            break;
          }
        }
      }
    }
    List<MethodGraph.Node> out = new ArrayList<>();
    for (int i = 0; i < heads.size(); i++) {
      out.add(new Part(declaration(jvm, name, heads.get(i)), bridged.get(i), node.getVisibility()));
    }
    return out;
  }

  private static MethodDescription declaration(
      MethodGraph.Linked jvm, String name, MethodDescription.TypeToken t) {
    MethodGraph.Node n =
        jvm.locate(new MethodDescription.SignatureToken(name, t.getReturnType(), t.getParameterTypes()));
    if (!n.getSort().isResolved()) {
      throw new IllegalStateException("no declaration of " + name + t + " in the JVM graph");
    }
    return n.getRepresentative();
  }

  private static String descriptor(MethodDescription.TypeToken t) {
    StringBuilder sb = new StringBuilder("(");
    for (TypeDescription p : t.getParameterTypes()) {
      sb.append(p.getDescriptor());
    }
    return sb.append(')').append(t.getReturnType().getDescriptor()).toString();
  }

  /** One most specific descriptor of a split method, with the descriptors it bridges. */
  private record Part(
      MethodDescription representative,
      Set<MethodDescription.TypeToken> methodTypes,
      Visibility visibility)
      implements MethodGraph.Node {
    @Override
    public Sort getSort() {
      return Sort.RESOLVED;
    }

    @Override
    public MethodDescription getRepresentative() {
      return representative;
    }

    @Override
    public Set<MethodDescription.TypeToken> getMethodTypes() {
      return methodTypes;
    }

    @Override
    public Visibility getVisibility() {
      return visibility;
    }
  }

  /**
   * The Java graph with some nodes split. A lookup by any descriptor of a part finds that part;
   * the superclass and interface graphs (used for super and default method calls) are the Java
   * graph's.
   */
  private static final class Split implements MethodGraph.Linked {
    private final MethodGraph.Linked java;
    private final List<MethodGraph.Node> nodes;
    private final Map<MethodDescription.SignatureToken, MethodGraph.Node> byDescriptor =
        new HashMap<>();

    Split(MethodGraph.Linked java, List<MethodGraph.Node> nodes) {
      this.java = java;
      this.nodes = List.copyOf(nodes);
      for (MethodGraph.Node n : nodes) {
        String name = n.getRepresentative().getInternalName();
        for (MethodDescription.TypeToken t : n.getMethodTypes()) {
          byDescriptor.put(
              new MethodDescription.SignatureToken(name, t.getReturnType(), t.getParameterTypes()), n);
        }
      }
    }

    @Override
    public MethodGraph getSuperClassGraph() {
      return java.getSuperClassGraph();
    }

    @Override
    public MethodGraph getInterfaceGraph(TypeDescription typeDescription) {
      return java.getInterfaceGraph(typeDescription);
    }

    @Override
    public MethodGraph.Node locate(MethodDescription.SignatureToken token) {
      MethodGraph.Node n = byDescriptor.get(token);
      return n != null ? n : MethodGraph.Node.Unresolved.INSTANCE;
    }

    @Override
    public MethodGraph.NodeList listNodes() {
      return new MethodGraph.NodeList(nodes);
    }
  }
}
