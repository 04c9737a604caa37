package org.workflowengine.persistence.model;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Lines appended, in order, to the log of one task, with the rules they keep: the task id is one by
 * {@link TaskIds}' rule (the same as for {@code per_task_logs} keys and task records), and each
 * line is text a database stores as given.
 *
 * @param taskId the task whose log grows
 * @param lines at least one line
 */
public record LogAppend(
    @NotNull(message = "task_id is required") @TaskId String taskId,
    @NotEmpty(message = "lines must hold at least one line") List<@LogLine String> lines) {}
