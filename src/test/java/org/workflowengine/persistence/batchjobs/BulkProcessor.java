package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Turns a number into a line, for the benchmark's jobs. */
@Named
@Dependent
public class BulkProcessor implements ItemProcessor {

  @Override
  public Object processItem(Object item) {
    long n = (Long) item;
    return "item-" + n + ":" + (n * 31 % 1000);
  }
}
