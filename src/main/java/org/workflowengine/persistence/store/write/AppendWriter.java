package org.workflowengine.persistence.store.write;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import org.workflowengine.persistence.store.event.ExecutionEvent;

/** Writes a group of appends to one execution in a transaction of its own (see AppendGroups). */
@Stateless
public class AppendWriter {

  @Inject ExecutionRows rows;

  @Inject Event<ExecutionEvent> events;

  /**
   * One chain extension for all of {@code appends}, in order, each link recorded by its caller in
   * its caller's trace.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void write(String id, List<AppendGroups.Append> appends) {
    ExecutionRows.Batch batch = rows.of(id, appends.get(0).recordedBy());
    for (AppendGroups.Append append : appends) {
      batch.as(append.recordedBy()).inTrace(append.traceId());
      append.rows().accept(batch);
    }
    long position = batch.execute();
    for (AppendGroups.Append append : appends) {
      events.fire(new ExecutionEvent(append.event(), id, position));
    }
  }
}
