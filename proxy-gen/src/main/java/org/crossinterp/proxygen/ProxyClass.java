package org.crossinterp.proxygen;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * A generated proxy class: its type, its routed methods (the index of a method is the id its
 * {@link Dispatcher} receives) and the {@link Invoker} that performs a call on a real object.
 * Immutable, thread-safe, and cached by {@link ProxyFactory}.
 *
 * @param <T> the proxied type (the superclass, or the first interface)
 */
public final class ProxyClass<T> {
  private final Class<? extends T> type;
  private final List<Class<?>> proxiedTypes;
  private final List<Method> methods;
  private final MethodHandle constructor;
  private final Invoker invoker;

  ProxyClass(
      Class<? extends T> type,
      List<Class<?>> proxiedTypes,
      List<Method> methods,
      MethodHandle constructor,
      Invoker invoker) {
    this.type = type;
    this.proxiedTypes = proxiedTypes;
    this.methods = methods;
    this.constructor = constructor;
    this.invoker = invoker;
  }

  /**
   * The generated class.
   *
   * @return the class
   */
  public Class<? extends T> type() {
    return type;
  }

  /**
   * The types the class extends and implements (superclass first, if not Object).
   *
   * @return the proxied types
   */
  public List<Class<?>> proxiedTypes() {
    return proxiedTypes;
  }

  /**
   * The routed methods; the index is the method id. Ids 0, 1, 2 are {@code equals}, {@code
   * hashCode}, {@code toString} (as declared by {@code Object}); the others follow sorted by name
   * and descriptor. A method declared several times (generic bridges, covariant returns, the same
   * method in two interfaces) has one id and is listed with one of its declarations; the
   * invoker calls it virtually, so the real object's implementation runs either way.
   *
   * <p>The exception: covariant declarations none of which narrows all others, such as {@code
   * List.reversed()} returning {@code List} and {@code Deque.reversed()} returning {@code Deque}.
   * The class then has one method per most specific descriptor (the JVM tells them apart by
   * return type), each with its own id, listed with its own declaration: {@code
   * method(id).getReturnType()} is the type the dispatcher's result must have for that call.
   * Declarations whose return types no object can have at once ({@code int} and {@code String})
   * are refused.
   *
   * @return the methods
   */
  public List<Method> methods() {
    return methods;
  }

  /**
   * The method with this id.
   *
   * @param methodId the id
   * @return the method
   */
  public Method method(int methodId) {
    return methods.get(methodId);
  }

  /**
   * The origin-side invoker for calls on a real object.
   *
   * @return the invoker
   */
  public Invoker invoker() {
    return invoker;
  }

  /**
   * A new proxy routing every call to {@code dispatcher}. Any thread; no reflection. A class
   * proxy runs the superclass's no-argument constructor, whose calls on itself already reach
   * {@code dispatcher}.
   *
   * @param dispatcher not null
   * @return the proxy
   * @throws NullPointerException if {@code dispatcher} is null
   */
  public T newInstance(Dispatcher dispatcher) {
    Objects.requireNonNull(dispatcher, "dispatcher");
    try {
      @SuppressWarnings("unchecked")
      T proxy = (T) (Object) constructor.invokeExact(dispatcher);
      return proxy;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("proxy constructor failed", t);
    }
  }

  @Override
  public String toString() {
    return "ProxyClass[" + type.getName() + " for " + proxiedTypes + ", " + methods.size() + " methods]";
  }
}
