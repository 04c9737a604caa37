package org.workflowengine.persistence.store.query;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * How many executions match a selection, and, when grouped, how many in each group: every group
 * that has at least one, largest first (then by key, null last), their counts summing to the total.
 */
@JsonbPropertyOrder({"total", "groups"})
public final class ExecutionCounts {

  private final long total;
  private final List<Group> groups;

  public ExecutionCounts(long total, List<Group> groups) {
    this.total = total;
    this.groups = List.copyOf(groups);
  }

  @JsonbProperty("total")
  public long getTotal() {
    return total;
  }

  /** Empty when the count is not grouped. */
  @JsonbProperty("groups")
  public List<Group> getGroups() {
    return groups;
  }

  /** The count of a group, 0 when no group has {@code key}. */
  public long countOf(String key) {
    return groups.stream()
        .filter(group -> key == null ? group.getKey() == null : key.equals(group.getKey()))
        .mapToLong(Group::getCount)
        .sum();
  }

  /**
   * One group: a status as spelt on the wire, a workflow name, {@code "true"} or {@code "false"},
   * or a label's value; null for the executions without one (no outcome yet, no such label).
   */
  @JsonbPropertyOrder({"key", "count"})
  public static final class Group {

    private final String key;
    private final long count;

    public Group(String key, long count) {
      this.key = key;
      this.count = count;
    }

    @JsonbNillable
    @JsonbProperty("key")
    public String getKey() {
      return key;
    }

    @JsonbProperty("count")
    public long getCount() {
      return count;
    }
  }
}
