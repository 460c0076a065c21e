package org.crossinterp.examples.authors;

import java.math.BigDecimal;
import org.crossinterp.conformance.SharerVerification;
import org.crossinterp.objchannel.Sharer;

/** The worked example passes the conformance kit: every rule of SharerRules. */
public class OrderSharerConformanceTest extends SharerVerification<Order> {
  @Override
  protected Class<Order> type() {
    return Order.class;
  }

  @Override
  protected Sharer<Order> sharer() {
    return new OrderSharer();
  }

  @Override
  protected Order createValue() {
    return new Order("A-42", 3, new BigDecimal("9.99"));
  }

  @Override
  protected boolean mutate(Order value) {
    value.setQuantity(value.quantity() + 1);
    return true;
  }
}
