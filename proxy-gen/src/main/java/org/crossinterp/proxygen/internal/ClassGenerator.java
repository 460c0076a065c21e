package org.crossinterp.proxygen.internal;

import static net.bytebuddy.matcher.ElementMatchers.hasSignature;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.NamingStrategy;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.loading.MultipleParentClassLoader;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.crossinterp.proxygen.Dispatcher;
import org.crossinterp.proxygen.GeneratedProxy;
import org.crossinterp.proxygen.NotProxyableException;

/**
 * Writes a proxy class with ByteBuddy: a final instance field holding the {@link Dispatcher}, a
 * constructor taking it, and for every method of the {@link MethodTable} a body that calls {@code
 * dispatcher.dispatch(this, id, new Object[] {args...})} and casts or unboxes the result. The id
 * is a constant in the bytecode, so dispatch needs no lookup. Any thread.
 */
public final class ClassGenerator {
  private static final String FIELD = "dispatcher";
  private static final AtomicLong SERIAL = new AtomicLong();

  /*
   * A fixed class file version rather than the running VM's: nothing in a proxy needs a newer
   * one, and ByteBuddy refuses to write versions newer than it knows, which would break every
   * proxy on the next JDK.
   */
  private static final ClassFileVersion VERSION = ClassFileVersion.JAVA_V17;
  private static final Method DISPATCH;

  static {
    try {
      DISPATCH = Dispatcher.class.getMethod("dispatch", Object.class, int.class, Object[].class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ClassGenerator() {}

  /**
   * A generated and loaded class and the methods its ids stand for.
   *
   * @param type the proxy class
   * @param methods the routed methods, indexed by id
   */
  public record Generated(Class<?> type, List<Method> methods) {}

  /**
   * Generates and loads a proxy class.
   *
   * @param superclass the class to extend ({@code Object} for interface proxies); it has a
   *     no-argument constructor the proxy can call
   * @param interfaces the interfaces to implement
   * @param lookup where to define the class (its package and loader), or null for a new class
   *     loader seeing every type involved
   * @return the class and its methods
   * @throws NotProxyableException if a method cannot be routed or the class cannot be defined
   */
  public static Generated generate(
      Class<?> superclass, List<Class<?>> interfaces, MethodHandles.Lookup lookup) {
    List<Class<?>> all = new ArrayList<>(interfaces);
    all.add(GeneratedProxy.class);
    DynamicType.Builder<?> b =
        new ByteBuddy(VERSION)
            // the graph MethodTable numbers the methods from, so every node gets its id
            .with(MethodTable.COMPILER)
            .with(new NamingStrategy.SuffixingRandom("CrossinterpProxy"))
            .subclass(superclass, ConstructorStrategy.Default.NO_CONSTRUCTORS)
            .implement(all)
            .modifiers(Modifier.PUBLIC | Modifier.FINAL)
            .defineField(FIELD, Dispatcher.class, Visibility.PRIVATE, FieldManifestation.FINAL)
            .defineConstructor(Visibility.PUBLIC)
            .withParameters(Dispatcher.class)
            // The field is set before the superclass constructor runs (the JVM allows this for
            // fields of the class itself), so calls that constructor makes on itself are routed
            // like any other instead of failing on a null dispatcher.
            .intercept(
                FieldAccessor.ofField(FIELD)
                    .setsArgumentAt(0)
                    .andThen(MethodCall.invoke(noArgConstructor(superclass))))
            .method(named(MethodTable.DISPATCHER_ACCESSOR).and(takesArguments(0)))
            .intercept(FieldAccessor.ofField(FIELD));
    MethodTable table = MethodTable.of(b.toTypeDescription(), superclass, interfaces);
    for (int id = 0; id < table.size(); id++) {
      b =
          b.method(hasSignature(table.token(id)))
              .intercept(
                  MethodCall.invoke(DISPATCH)
                      .onField(FIELD)
                      .withThis()
                      .with(id)
                      .withArgumentArray()
                      .withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC));
    }
    return new Generated(load(b, superclass, all, lookup), table.methods());
  }

  private static Class<?> load(
      DynamicType.Builder<?> b,
      Class<?> superclass,
      List<Class<?>> interfaces,
      MethodHandles.Lookup lookup) {
    try {
      if (lookup != null) {
        String pkg = lookup.lookupClass().getPackageName();
        Class<?> first = superclass != Object.class ? superclass : interfaces.get(0);
        String name =
            (pkg.isEmpty() ? "" : pkg + ".")
                + first.getSimpleName()
                + "$CrossinterpProxy$"
                + SERIAL.incrementAndGet();
        return b.name(name)
            .make()
            .load(lookup.lookupClass().getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup))
            .getLoaded();
      }
      List<Class<?>> visible = new ArrayList<>(interfaces);
      visible.add(superclass);
      ClassLoader parent =
          new MultipleParentClassLoader.Builder(false).appendMostSpecific(visible).build();
      return b.make().load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    } catch (LinkageError | IllegalStateException e) {
      // The checks in ProxyFactory should leave nothing to fail here; if the VM still refuses
      // the class (an access rule they missed), say so in the type the caller expects.
      throw new NotProxyableException(
          "the VM refused the proxy class for " + interfaces + " (" + e
              + "). Try ProxyFactory.using(MethodHandles.lookup()) from the types' package");
    }
  }

  private static Constructor<?> noArgConstructor(Class<?> c) {
    try {
      return c.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new NotProxyableException(c.getName() + " has no no-argument constructor");
    }
  }
}
