package org.crossinterp.conformance.selftest;

import java.util.function.IntSupplier;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.conformance.ChannelVerification;
import org.crossinterp.objchannel.ObjChannel;

/**
 * ObjChannel with mutable items, which arrive as proxies bound to their sender, passes the whole
 * channel kit: every number is read by a call back into the sender, the kit's default dispose
 * releases the proxies, and 2.31 takes its bound branch.
 */
class ObjChannelProxyItemsVerificationTest extends ChannelVerification<ObjChannel> {
  /** A numbered item that is not a value (a plain class), so it is proxied through IntSupplier. */
  public static final class Numbered implements IntSupplier {
    private final int n;

    Numbered(int n) {
      this.n = n;
    }

    @Override
    public int getAsInt() {
      return n;
    }
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
    return new Numbered(n);
  }

  @Override
  protected int numberOf(Object received) {
    return ((IntSupplier) received).getAsInt();
  }
}
