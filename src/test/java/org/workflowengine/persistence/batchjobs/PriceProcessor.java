package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;

/**
 * Prices an order line {@code "<id>:<price>"}: lines under the threshold are filtered out, a line
 * whose price is not a number fails the chunk.
 */
@Named
@Dependent
public class PriceProcessor implements ItemProcessor {

  @Inject
  @BatchProperty(name = "threshold")
  String threshold;

  @Override
  public Object processItem(Object item) {
    String[] line = item.toString().split(":", 2);
    BigDecimal price;
    try {
      price = new BigDecimal(line[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("order " + line[0] + " has no price: '" + line[1] + "'");
    }
    return price.compareTo(new BigDecimal(threshold)) < 0 ? null : line[0] + "=" + price;
  }
}
