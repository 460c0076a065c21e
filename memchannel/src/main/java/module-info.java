/**
 * crossinterp's first layer: isolated {@link org.crossinterp.Interpreter interpreters} and the
 * zero-copy {@link org.crossinterp.memchannel.MemChannel}.
 *
 * <p>The interpreter engine and the channel core are exported to crossinterp's own higher
 * layers only (qualified exports), never to users.
 */
@SuppressWarnings("module") // the friend modules are built after this one
module org.crossinterp.memchannel {
  requires org.jctools.core;
  requires jdk.jfr;

  exports org.crossinterp;
  exports org.crossinterp.memchannel;
  exports org.crossinterp.internal.interp to
      org.crossinterp.objchannel;
  exports org.crossinterp.internal.channel to
      org.crossinterp.objchannel;
  exports org.crossinterp.internal.leak to
      org.crossinterp.strview,
      org.crossinterp.objchannel;
}
