package org.crossinterp.conformance.selftest;

import org.crossinterp.UnboundPolicy;
import org.crossinterp.conformance.ChannelVerification;
import org.crossinterp.memchannel.MemChannel;

/** MemChannel passes the whole channel kit, 2.31 included (buffers are bound to the sender). */
class MemChannelVerificationTest extends ChannelVerification<MemChannel> {
  @Override
  protected MemChannel createChannel(int capacity) {
    return capacity == Integer.MAX_VALUE ? MemChannel.create() : MemChannel.create(capacity);
  }

  @Override
  protected MemChannel createChannel(int capacity, UnboundPolicy policy) {
    return MemChannel.builder().capacity(capacity).unboundPolicy(policy).build();
  }

  @Override
  protected Object createItem(int n) {
    return Items.bytes(n);
  }

  @Override
  protected int numberOf(Object received) {
    return Items.number(received);
  }
}
