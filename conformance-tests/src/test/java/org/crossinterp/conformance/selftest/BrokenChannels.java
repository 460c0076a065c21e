package org.crossinterp.conformance.selftest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.crossinterp.Channel;
import org.crossinterp.UnboundPolicy;
import org.crossinterp.conformance.ChannelVerification;
import org.crossinterp.memchannel.CrossInterpreterView;
import org.crossinterp.memchannel.MemChannel;

/** Deliberately broken channel wrappers and their verifications (fixtures for the testkit). */
final class BrokenChannels {
  private BrokenChannels() {}

  /** A channel that forwards everything to a MemChannel; subclasses break one thing. */
  static class Wrapper implements Channel<Object, Object> {
    final MemChannel channel;

    Wrapper(MemChannel channel) {
      this.channel = channel;
    }

    /** What a receiver gets for a view the MemChannel handed out (null stays null). */
    Object received(CrossInterpreterView v) {
      return v;
    }

    @Override
    public void send(Object item) throws InterruptedException {
      channel.send(item);
    }

    @Override
    public boolean send(Object item, Duration timeout) throws InterruptedException {
      return channel.send(item, timeout);
    }

    @Override
    public boolean trySend(Object item) {
      return channel.trySend(item);
    }

    @Override
    public Object recv() throws InterruptedException {
      return received(channel.recv());
    }

    @Override
    public Object recv(Duration timeout) throws InterruptedException {
      CrossInterpreterView v = channel.recv(timeout);
      return v == null ? null : received(v);
    }

    @Override
    public Object tryRecv() {
      CrossInterpreterView v = channel.tryRecv();
      return v == null ? null : received(v);
    }

    @Override
    public void closeSend() {
      channel.closeSend();
    }

    @Override
    public void close() {
      channel.close();
    }

    @Override
    public List<Object> closeNow() {
      return new ArrayList<>(channel.closeNow());
    }

    @Override
    public long id() {
      return channel.id();
    }

    @Override
    public int size() {
      return channel.size();
    }

    @Override
    public int capacity() {
      return channel.capacity();
    }

    @Override
    public boolean isClosed() {
      return channel.isClosed();
    }

    @Override
    public UnboundPolicy unboundPolicy() {
      return channel.unboundPolicy();
    }
  }

  /** Loses every tenth item: the send says yes, the item never arrives. */
  static final class LosesItems extends Wrapper {
    private final AtomicInteger sends = new AtomicInteger();

    LosesItems(MemChannel channel) {
      super(channel);
    }

    private boolean lose() {
      return sends.incrementAndGet() % 10 == 0; // BUG
    }

    @Override
    public void send(Object item) throws InterruptedException {
      if (!lose()) {
        super.send(item);
      }
    }

    @Override
    public boolean send(Object item, Duration timeout) throws InterruptedException {
      return lose() || super.send(item, timeout);
    }

    @Override
    public boolean trySend(Object item) {
      return lose() || super.trySend(item);
    }
  }

  /** Hands out a further share of each view and never releases the view it received. */
  static final class LeaksShares extends Wrapper {
    LeaksShares(MemChannel channel) {
      super(channel);
    }

    @Override
    Object received(CrossInterpreterView v) {
      return v.share(); // BUG: v itself is never released
    }
  }

  /** Releases each view before handing it out: the receiver gets a dead view. */
  static final class ReleasesBeforeReturn extends Wrapper {
    ReleasesBeforeReturn(MemChannel channel) {
      super(channel);
    }

    @Override
    Object received(CrossInterpreterView v) {
      v.release(); // BUG: use after release for the receiver
      return v;
    }
  }

  /** A verification of a MemChannel wrapper with numbered byte[] items. */
  abstract static class WrapperFixture extends ChannelVerification<Wrapper> {
    abstract Wrapper wrap(MemChannel channel);

    @Override
    protected Wrapper createChannel(int capacity) {
      return wrap(capacity == Integer.MAX_VALUE ? MemChannel.create() : MemChannel.create(capacity));
    }

    @Override
    protected Wrapper createChannel(int capacity, UnboundPolicy policy) {
      return wrap(MemChannel.builder().capacity(capacity).unboundPolicy(policy).build());
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

  /** The unbroken wrapper passes everything: the fixtures differ from it in one place only. */
  static class FaithfulFixture extends WrapperFixture {
    @Override
    Wrapper wrap(MemChannel channel) {
      return new Wrapper(channel);
    }
  }

  /** Fails rules 2.20 and 2.29 only. */
  static class LosesItemsFixture extends WrapperFixture {
    @Override
    Wrapper wrap(MemChannel channel) {
      return new LosesItems(channel);
    }
  }

  /** Fails the leak check of every rule that receives with recv. */
  static class LeaksSharesFixture extends WrapperFixture {
    @Override
    Wrapper wrap(MemChannel channel) {
      return new LeaksShares(channel);
    }

    @Override
    protected Duration settleTime() {
      return Duration.ofSeconds(1); // leaks are expected: do not wait long for them to go
    }
  }

  /** Fails every rule that reads an item it received with recv. */
  static class ReleasesBeforeReturnFixture extends WrapperFixture {
    @Override
    Wrapper wrap(MemChannel channel) {
      return new ReleasesBeforeReturn(channel);
    }
  }
}
