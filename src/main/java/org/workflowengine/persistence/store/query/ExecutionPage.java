package org.workflowengine.persistence.store.query;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One page of a listing, newest first, and the cursor of the next page (null on the last). */
@JsonbPropertyOrder({"items", "nextCursor"})
public final class ExecutionPage {

  private final List<ExecutionSummary> items;
  private final String nextCursor;

  public ExecutionPage(List<ExecutionSummary> items, String nextCursor) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
  }

  @JsonbProperty("items")
  public List<ExecutionSummary> getItems() {
    return items;
  }

  /** Pass it as the next query's cursor; null when this is the last page. */
  @JsonbProperty("next_cursor")
  @JsonbNillable
  public String getNextCursor() {
    return nextCursor;
  }
}
