package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Hands what was priced to the order book. */
@Named
@Dependent
public class PriceWriter extends AbstractItemWriter {

  @Inject
  @BatchProperty(name = "batch")
  String batch;

  @Override
  public void writeItems(List<Object> items) {
    OrderBook.wrote(batch, items.stream().map(Object::toString).toList());
  }
}
