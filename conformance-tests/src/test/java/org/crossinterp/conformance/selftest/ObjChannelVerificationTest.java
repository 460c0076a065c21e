package org.crossinterp.conformance.selftest;

import org.crossinterp.UnboundPolicy;
import org.crossinterp.conformance.ChannelVerification;
import org.crossinterp.objchannel.ObjChannel;

/** ObjChannel with immutable items (bound to no interpreter) passes the whole channel kit. */
class ObjChannelVerificationTest extends ChannelVerification<ObjChannel> {
  @Override
  protected ObjChannel createChannel(int capacity) {
    return capacity == Integer.MAX_VALUE ? ObjChannel.create() : ObjChannel.create(capacity);
  }

  @Override
  protected ObjChannel createChannel(int capacity, UnboundPolicy policy) {
    return ObjChannel.builder().capacity(capacity).unboundPolicy(policy).build();
  }

  @Override
  protected Object createItem(int n) {
    return n;
  }

  @Override
  protected int numberOf(Object received) {
    return (Integer) received;
  }
}
