package org.crossinterp.objchannel.internal;

import java.lang.reflect.Method;
import java.util.List;
import org.crossinterp.proxygen.Invoker;
import org.crossinterp.proxygen.ProxyClass;

/**
 * How objects of one class are proxied: the generated {@link ProxyClass} and, by method id, the
 * declared parameter and return types, so that an argument or result that would arrive as a
 * proxy of the wrong type is refused with a clear message before it crosses (instead of a
 * {@code ClassCastException} naming a generated class). Made once per object class.
 */
final class ProxyType {
  private final ProxyClass<?> proxyClass;
  private final List<Method> methods;
  private final Class<?>[][] parameters;
  private final Class<?>[] returns;

  ProxyType(ProxyClass<?> proxyClass) {
    this.proxyClass = proxyClass;
    this.methods = proxyClass.methods();
    this.parameters = new Class<?>[methods.size()][];
    this.returns = new Class<?>[methods.size()];
    for (int i = 0; i < methods.size(); i++) {
      parameters[i] = methods.get(i).getParameterTypes();
      returns[i] = methods.get(i).getReturnType();
    }
  }

  ProxyClass<?> proxyClass() {
    return proxyClass;
  }

  Invoker invoker() {
    return proxyClass.invoker();
  }

  /** The generated class. */
  Class<?> type() {
    return proxyClass.type();
  }

  /** The types a proxy of this kind is an instance of, for messages. */
  List<Class<?>> proxiedTypes() {
    return proxyClass.proxiedTypes();
  }

  Class<?> parameterType(int methodId, int index) {
    return parameters[methodId][index];
  }

  Class<?> returnType(int methodId) {
    return returns[methodId];
  }

  /** The method as {@code Type.name(Params)}, for messages. */
  String describe(int methodId) {
    Method m = methods.get(methodId);
    StringBuilder sb = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('.');
    sb.append(m.getName()).append('(');
    Class<?>[] ps = parameters[methodId];
    for (int i = 0; i < ps.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(ps[i].getSimpleName());
    }
    return sb.append(')').toString();
  }
}
