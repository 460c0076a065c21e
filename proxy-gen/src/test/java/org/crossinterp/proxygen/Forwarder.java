package org.crossinterp.proxygen;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dispatcher that records every call that reaches it and performs it on a real object with the
 * proxy class's {@link Invoker}, as the origin side of a cross-interpreter proxy does.
 */
final class Forwarder implements Dispatcher {
  /** One call as the dispatcher received it. */
  record Call(Object proxy, int id, Method method, List<Object> args, Object[] rawArgs) {}

  private final ProxyClass<?> proxyClass;
  private final Object target;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  Forwarder(ProxyClass<?> proxyClass, Object target) {
    this.proxyClass = proxyClass;
    this.target = target;
  }

  @Override
  public Object dispatch(Object proxy, int methodId, Object[] args) throws Throwable {
    calls.add(
        new Call(proxy, methodId, proxyClass.method(methodId), Arrays.asList(args.clone()), args));
    return proxyClass.invoker().invoke(target, methodId, args);
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** The only call since the last {@code take}; fails if there was not exactly one. */
  Call take() {
    List<Call> now = calls();
    calls.clear();
    if (now.size() != 1) {
      throw new AssertionError("expected exactly one dispatched call, got " + now);
    }
    return now.get(0);
  }
}
