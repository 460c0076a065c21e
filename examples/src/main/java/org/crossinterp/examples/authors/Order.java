package org.crossinterp.examples.authors;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A worked example for type authors: a mutable value type that crosses interpreters by value
 * through {@link OrderSharer}. Mutable, so it cannot be shared as is; not worth a proxy (every
 * field read would switch interpreters); so it is copied, once, through an immutable record.
 */
public final class Order {
  private final String sku;
  private int quantity;
  private BigDecimal unitPrice;

  /**
   * Creates an order line.
   *
   * @param sku the article
   * @param quantity how many
   * @param unitPrice the price of one
   */
  public Order(String sku, int quantity, BigDecimal unitPrice) {
    this.sku = Objects.requireNonNull(sku, "sku");
    this.quantity = quantity;
    this.unitPrice = Objects.requireNonNull(unitPrice, "unitPrice");
  }

  /**
   * The article.
   *
   * @return the sku
   */
  public String sku() {
    return sku;
  }

  /**
   * How many.
   *
   * @return the quantity
   */
  public int quantity() {
    return quantity;
  }

  /**
   * The price of one.
   *
   * @return the unit price
   */
  public BigDecimal unitPrice() {
    return unitPrice;
  }

  /**
   * Changes the quantity.
   *
   * @param quantity the new quantity
   */
  public void setQuantity(int quantity) {
    this.quantity = quantity;
  }

  /**
   * Changes the unit price.
   *
   * @param unitPrice the new price
   */
  public void setUnitPrice(BigDecimal unitPrice) {
    this.unitPrice = Objects.requireNonNull(unitPrice, "unitPrice");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Order other
        && sku.equals(other.sku)
        && quantity == other.quantity
        && unitPrice.compareTo(other.unitPrice) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sku, quantity, unitPrice.stripTrailingZeros());
  }

  @Override
  public String toString() {
    return quantity + " x " + sku + " @ " + unitPrice;
  }
}
