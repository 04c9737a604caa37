package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Reads the numbers 0 … items − 1, for the benchmark's jobs. */
@Named
@Dependent
public class BulkReader extends AbstractItemReader {

  @Inject
  @BatchProperty(name = "items")
  String items;

  private long count;
  private long next;

  @Override
  public void open(Serializable checkpoint) {
    count = Long.parseLong(items);
    next = checkpoint == null ? 0 : (Long) checkpoint;
  }

  @Override
  public Object readItem() {
    return next < count ? next++ : null;
  }

  @Override
  public Serializable checkpointInfo() {
    return next;
  }
}
