package org.crossinterp.conformance.selftest;

import java.util.List;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.conformance.ChannelVerification;
import org.crossinterp.objchannel.ObjChannel;
import org.crossinterp.objchannel.Shareables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * ObjChannel with items that cross through a registered sharer (bound to their sender until
 * unshared) passes the whole channel kit.
 */
class ObjChannelSharedItemsVerificationTest extends ChannelVerification<ObjChannel> {
  @BeforeEach
  void registerSharer() {
    Shareables.register(Inventory.class, new InventorySharer());
  }

  @AfterEach
  void unregisterSharer() {
    Shareables.unregister(Inventory.class);
  }

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
    return new Inventory("item", List.of(Integer.toString(n)));
  }

  @Override
  protected int numberOf(Object received) {
    return Integer.parseInt(((Inventory) received).items().get(0));
  }
}
