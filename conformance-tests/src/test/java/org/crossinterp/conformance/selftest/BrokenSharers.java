package org.crossinterp.conformance.selftest;

import java.util.List;
import org.crossinterp.conformance.SharerVerification;
import org.crossinterp.objchannel.Sharer;

/** Deliberately broken sharers and their verifications (fixtures for the testkit). */
final class BrokenSharers {
  private BrokenSharers() {}

  /** Returns the mutable object itself as its "data". */
  static final class MutableAsData implements Sharer<Inventory> {
    @Override
    public Object share(Inventory value) {
      return value; // BUG: mutable, and the very object
    }

    @Override
    public Inventory unshare(Object data) {
      return (Inventory) data;
    }
  }

  /** unshare() builds something else than what was shared. */
  static final class DifferentValue implements Sharer<Inventory> {
    private final InventorySharer right = new InventorySharer();

    @Override
    public Object share(Inventory value) {
      return right.share(value);
    }

    @Override
    public Inventory unshare(Object data) {
      Inventory i = right.unshare(data);
      return new Inventory(i.name(), List.of()); // BUG: the items are lost
    }
  }

  abstract static class InventoryFixture extends SharerVerification<Inventory> {
    @Override
    protected Class<Inventory> type() {
      return Inventory.class;
    }

    @Override
    protected Inventory createValue() {
      return new Inventory("shelf", List.of("apple", "pear"));
    }

    @Override
    protected boolean mutate(Inventory value) {
      value.add("plum");
      return true;
    }
  }

  /** Fails rules 5.4 and 5.5; 5.1 to 5.3 cannot be checked (ObjChannel refuses the data). */
  static class MutableAsDataFixture extends InventoryFixture {
    @Override
    protected Sharer<Inventory> sharer() {
      return new MutableAsData();
    }
  }

  /** Fails rule 5.3; 5.5 cannot be checked while round trips are unequal. */
  static class DifferentValueFixture extends InventoryFixture {
    @Override
    protected Sharer<Inventory> sharer() {
      return new DifferentValue();
    }
  }
}
