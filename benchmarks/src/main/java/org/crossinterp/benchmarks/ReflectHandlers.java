package org.crossinterp.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import org.crossinterp.Interpreter;

/**
 * The {@link java.lang.reflect.Proxy} baselines of P1 and P2: the same work as a generated
 * proxy, done the way one would without proxy-gen.
 */
final class ReflectHandlers {
  private static final Object[] NO_ARGS = {};

  private ReflectHandlers() {}

  /**
   * A JDK proxy whose handler calls the target with {@link Method#invoke}.
   *
   * @param type the interface
   * @param target the real object
   * @param lock taken around every call, or null for none
   * @param <T> the interface
   * @return the proxy
   */
  static <T> T methodInvoke(Class<T> type, T target, Lock lock) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (lock != null) {
            lock.lock();
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            if (lock != null) {
              lock.unlock();
            }
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  /**
   * A JDK proxy that does an ObjChannel proxy's switching with the public API: its handler runs
   * {@link Method#invoke} inside {@code owner} with {@link Interpreter#call}. Arguments and
   * results are not packed (the P1 benchmarks pass none and return nothing).
   *
   * @param type the interface
   * @param target the real object, owned by {@code owner}
   * @param owner the interpreter every call switches to
   * @param <T> the interface
   * @return the proxy
   */
  static <T> T switching(Class<T> type, T target, Interpreter owner) {
    InvocationHandler h =
        (proxy, method, args) ->
            owner.call(
                () -> {
                  try {
                    return method.invoke(target, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                  }
                });
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  /**
   * A JDK proxy whose handler calls the target through a {@link MethodHandle} per method,
   * prepared once and found by the {@link Method} the proxy passes (what proxy-gen's {@code
   * Invoker} does by id).
   *
   * @param type the interface
   * @param target the real object
   * @param <T> the interface
   * @return the proxy
   */
  static <T> T methodHandle(Class<T> type, T target) {
    Map<Method, MethodHandle> handles = new HashMap<>();
    MethodType erased = MethodType.methodType(Object.class, Object.class, Object[].class);
    for (Method m : type.getMethods()) {
      try {
        handles.put(
            m,
            MethodHandles.publicLookup()
                .unreflect(m)
                .asSpreader(Object[].class, m.getParameterCount())
                .asType(erased));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot reach " + m, e);
      }
    }
    InvocationHandler h =
        (proxy, method, args) -> {
          MethodHandle mh = handles.get(method);
          if (mh == null) { // equals, hashCode, toString
            return method.invoke(target, args);
          }
          // a local, not a conditional: as an argument of invokeExact a conditional expression
          // would be typed Object (its target type), and the call site would not match
          Object[] actual = args == null ? NO_ARGS : args;
          return (Object) mh.invokeExact((Object) target, actual);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }
}
