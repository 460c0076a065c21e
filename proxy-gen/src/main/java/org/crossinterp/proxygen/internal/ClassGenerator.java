package org.crossinterp.proxygen.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
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

/**
 * Writes a proxy class with ByteBuddy: a final field holding the {@link Dispatcher}, a
 * constructor taking it, and for every method of the {@link MethodTable} a body that calls
 * {@code dispatcher.dispatch(this, id, new Object[] {args...})} and casts or unboxes the result.
 * The id is a constant in the bytecode, so dispatch needs no lookup.
 */
public final class ClassGenerator {
  private static final String FIELD = "dispatcher";
  private static final AtomicLong SERIAL = new AtomicLong();
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
   * Generates and loads a proxy class.
   *
   * @param superclass the class to extend ({@code Object} for interface proxies); it has an
   *     accessible no-argument constructor
   * @param interfaces the interfaces to implement
   * @param table the routed methods
   * @param lookup where to define the class (its package and loader), or null for a new class
   *     loader seeing every type involved
   */
  public static Class<?> generate(
      Class<?> superclass, List<Class<?>> interfaces, MethodTable table, MethodHandles.Lookup lookup) {
    List<Class<?>> all = new ArrayList<>(interfaces);
    all.add(GeneratedProxy.class);
    DynamicType.Builder<?> b =
        new ByteBuddy(ClassFileVersion.ofThisVm())
            .with(new NamingStrategy.SuffixingRandom("CrossinterpProxy"))
            .subclass(superclass, ConstructorStrategy.Default.NO_CONSTRUCTORS)
            .implement(all)
            .modifiers(java.lang.reflect.Modifier.PUBLIC | java.lang.reflect.Modifier.FINAL)
            .defineField(FIELD, Dispatcher.class, Visibility.PRIVATE, FieldManifestation.FINAL)
            .defineConstructor(Visibility.PUBLIC)
            .withParameters(Dispatcher.class)
            .intercept(
                MethodCall.invoke(noArgConstructor(superclass))
                    .andThen(FieldAccessor.ofField(FIELD).setsArgumentAt(0)))
            .method(named("$crossinterp$dispatcher").and(takesArguments(0)))
            .intercept(FieldAccessor.ofField(FIELD));
    List<Method> methods = table.methods();
    for (int id = 0; id < methods.size(); id++) {
      Method m = methods.get(id);
      b =
          b.method(named(m.getName()).and(takesArguments(m.getParameterTypes())))
              .intercept(
                  MethodCall.invoke(DISPATCH)
                      .onField(FIELD)
                      .withThis()
                      .with(id)
                      .withArgumentArray()
                      .withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC));
    }
    if (lookup != null) {
      String pkg = lookup.lookupClass().getPackageName();
      String simple = (interfaces.isEmpty() ? superclass : interfaces.get(0)).getSimpleName();
      b = b.name((pkg.isEmpty() ? "" : pkg + ".") + simple + "$CrossinterpProxy$" + SERIAL.incrementAndGet());
      return b.make().load(lookup.lookupClass().getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup)).getLoaded();
    }
    List<Class<?>> visible = new ArrayList<>(all);
    visible.add(superclass);
    ClassLoader parent =
        new MultipleParentClassLoader.Builder(false).appendMostSpecific(visible).build();
    return b.make().load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
  }

  private static java.lang.reflect.Constructor<?> noArgConstructor(Class<?> c) {
    try {
      return c.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(c + " has no no-argument constructor", e);
    }
  }
}
