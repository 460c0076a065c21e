package org.crossinterp.conformance.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A sample mutable type that crosses interpreters by value, through {@link InventorySharer}. */
public final class Inventory {
  private final String name;
  private final List<String> items;

  /**
   * An inventory.
   *
   * @param name its name
   * @param items what it holds
   */
  public Inventory(String name, List<String> items) {
    this.name = name;
    this.items = new ArrayList<>(items);
  }

  /** @return the name */
  public String name() {
    return name;
  }

  /** @return a copy of the items */
  public List<String> items() {
    return List.copyOf(items);
  }

  /** @param item one more item */
  public void add(String item) {
    items.add(item);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Inventory i && name.equals(i.name) && items.equals(i.items);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, items);
  }

  @Override
  public String toString() {
    return "Inventory[" + name + ", " + items + "]";
  }
}
