package org.workflowengine.persistence.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.workflowengine.persistence.store.event.ExecutionEvent;

/** Another module observing the store: records what it is told, once the change has committed. */
@ApplicationScoped
public class EventRecorder {

  private final List<ExecutionEvent> committed = new CopyOnWriteArrayList<>();

  void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExecutionEvent event) {
    committed.add(event);
  }

  /** The kinds of committed events about one execution, in the order received. */
  public List<ExecutionEvent.Kind> kindsFor(String executionId) {
    return committed.stream()
        .filter(e -> e.executionId().equals(executionId))
        .map(ExecutionEvent::kind)
        .toList();
  }
}
