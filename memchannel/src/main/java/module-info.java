/**
 * crossinterp's first layer: isolated {@link org.crossinterp.Interpreter interpreters} and the
 * zero-copy {@link org.crossinterp.memchannel.MemChannel}.
 */
module org.crossinterp.memchannel {
  requires org.jctools.core;

  exports org.crossinterp;
  exports org.crossinterp.memchannel;
}
