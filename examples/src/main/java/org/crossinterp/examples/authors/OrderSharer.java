package org.crossinterp.examples.authors;

import java.math.BigDecimal;
import org.crossinterp.objchannel.Sharer;

/**
 * Shares an {@link Order} by value: {@code share} (in the sender) takes a snapshot into an
 * immutable record, {@code unshare} (in the receiver) builds a new, independent Order. Register
 * it once: {@code Shareables.register(Order.class, new OrderSharer())}.
 */
public final class OrderSharer implements Sharer<Order> {
  /**
   * The snapshot that crosses: a record of immutable components, so shareable as is.
   *
   * @param sku the article
   * @param quantity how many
   * @param unitPrice the price of one
   */
  public record Snapshot(String sku, int quantity, BigDecimal unitPrice) {}

  /** Creates the sharer. */
  public OrderSharer() {}

  @Override
  public Object share(Order value) {
    return new Snapshot(value.sku(), value.quantity(), value.unitPrice());
  }

  @Override
  public Order unshare(Object data) {
    Snapshot s = (Snapshot) data;
    return new Order(s.sku(), s.quantity(), s.unitPrice());
  }
}
