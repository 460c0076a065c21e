/**
 * crossinterp's third layer: {@link org.crossinterp.proxygen.ProxyFactory} generates, with
 * ByteBuddy, proxy classes that route every call to a {@link
 * org.crossinterp.proxygen.Dispatcher}. It knows nothing about interpreters.
 */
module org.crossinterp.proxygen {
  requires net.bytebuddy;

  exports org.crossinterp.proxygen;
}
