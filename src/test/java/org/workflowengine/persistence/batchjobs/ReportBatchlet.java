package org.workflowengine.persistence.batchjobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** A step with no chunks: its exit status is what it returns. */
@Named
@Dependent
public class ReportBatchlet extends AbstractBatchlet {

  @Override
  public String process() {
    return "REPORTED";
  }
}
