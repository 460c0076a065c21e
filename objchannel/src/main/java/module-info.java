/**
 * crossinterp's fourth layer: {@link org.crossinterp.objchannel.ObjChannel} sends any object to
 * another interpreter, as is when immutable, through a registered {@link
 * org.crossinterp.objchannel.Sharer}, or as a proxy that calls back into its owner.
 */
module org.crossinterp.objchannel {
  requires transitive org.crossinterp.memchannel;
  requires transitive org.crossinterp.strview;
  requires org.crossinterp.proxygen;
  requires com.github.benmanes.caffeine;

  exports org.crossinterp.objchannel;
}
