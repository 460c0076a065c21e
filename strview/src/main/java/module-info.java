/**
 * crossinterp's second layer: {@link org.crossinterp.strview.StrView}, text read in place from a
 * buffer another interpreter exported, with no decode and no copy.
 */
module org.crossinterp.strview {
  requires transitive org.crossinterp.memchannel;

  exports org.crossinterp.strview;
}
