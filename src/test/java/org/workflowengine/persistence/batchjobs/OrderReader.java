package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Reads a batch's order lines, from where the last checkpoint left off on a restart. */
@Named
@Dependent
public class OrderReader extends AbstractItemReader {

  @Inject
  @BatchProperty(name = "batch")
  String batch;

  private List<String> lines;
  private int next;

  @Override
  public void open(Serializable checkpoint) {
    lines = OrderBook.orders(batch);
    next = checkpoint == null ? 0 : (Integer) checkpoint;
  }

  @Override
  public Object readItem() {
    return next < lines.size() ? lines.get(next++) : null;
  }

  @Override
  public Serializable checkpointInfo() {
    return next;
  }
}
