package org.crossinterp.conformance.selftest;

import java.util.List;
import org.crossinterp.objchannel.Sharer;

/** A correct sharer: immutable data out, a new inventory in. */
public final class InventorySharer implements Sharer<Inventory> {
  @Override
  public Object share(Inventory value) {
    return List.of(value.name(), value.items());
  }

  @Override
  public Inventory unshare(Object data) {
    List<?> d = (List<?>) data;
    List<String> items = ((List<?>) d.get(1)).stream().map(String.class::cast).toList();
    return new Inventory((String) d.get(0), items);
  }
}
