package org.workflowengine.persistence.store;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** One page of a listing, newest first, and the cursor of the next page (null on the last page). */
public record ExecutionPage(
    @JsonbProperty("items") List<ExecutionSummary> items,
    @JsonbProperty("next_cursor") String nextCursor) {

  public ExecutionPage {
    items = List.copyOf(items);
  }
}
