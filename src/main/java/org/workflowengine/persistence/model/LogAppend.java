package org.workflowengine.persistence.model;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Lines appended, in order, to the log of one task, with the rules they keep: the task id can name
 * a URL path segment, and each line is text a database stores as given.
 *
 * @param taskId the task whose log grows
 * @param lines at least one line
 */
public record LogAppend(
    @NotNull(message = "task_id is required")
        @Size(min = 1, max = 128, message = "task_id must be 1 to 128 characters")
        @Pattern(
            regexp = WorkflowExecution.ID_PATTERN,
            message = "task_id may contain only " + WorkflowExecution.ID_RULE)
        String taskId,
    @NotEmpty(message = "lines must hold at least one line") List<@LogLine String> lines) {}
