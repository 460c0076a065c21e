package org.crossinterp.conformance.selftest;

import java.util.List;
import org.crossinterp.conformance.SharerVerification;
import org.crossinterp.objchannel.Sharer;

/** A correct sharer of a mutable type passes the whole sharer kit, aliasing rule 5.5 included. */
class InventorySharerVerificationTest extends SharerVerification<Inventory> {
  @Override
  protected Class<Inventory> type() {
    return Inventory.class;
  }

  @Override
  protected Sharer<Inventory> sharer() {
    return new InventorySharer();
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
