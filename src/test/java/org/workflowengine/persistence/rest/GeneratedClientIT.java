package org.workflowengine.persistence.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.workflowengine.persistence.testing.Executions.unique;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workflowengine.persistence.generated.ApiClient;
import org.workflowengine.persistence.generated.api.AppendsApi;
import org.workflowengine.persistence.generated.api.ExecutionsApi;
import org.workflowengine.persistence.generated.api.HistoryApi;
import org.workflowengine.persistence.generated.model.ExecutionPage;
import org.workflowengine.persistence.generated.model.ExecutionSummary;
import org.workflowengine.persistence.generated.model.JsonPatchOperation;
import org.workflowengine.persistence.generated.model.LogAppendResult;
import org.workflowengine.persistence.generated.model.LogLines;
import org.workflowengine.persistence.generated.model.StatusChange;
import org.workflowengine.persistence.generated.model.TaskExecution;
import org.workflowengine.persistence.generated.model.WorkflowExecution;
import org.workflowengine.persistence.generated.model.WorkflowStatus;
import org.workflowengine.persistence.testing.OpenApiContract;
import org.workflowengine.persistence.testing.OverHttp;
import org.workflowengine.persistence.testing.TestUser;

/**
 * The API used as a client team uses it: through a Java client that openapi-generator made from the
 * OpenAPI document at build time (library {@code native}), against the running service. If the
 * document misdescribes a body, a parameter or an answer, the generated client fails here.
 */
class GeneratedClientIT extends OverHttp {

  private ExecutionsApi executions;
  private AppendsApi appends;
  private HistoryApi history;

  @BeforeEach
  void generatedClient() {
    ApiClient client = new ApiClient();
    client.setHttpClientBuilder(OpenApiContract.of(base).checking(HttpClient.newBuilder()));
    String root = base.toExternalForm();
    client.updateBaseUri(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    String authorization = TestUser.OPERATOR.authorization();
    client.setRequestInterceptor(
        (HttpRequest.Builder request) -> request.header("Authorization", authorization));
    executions = new ExecutionsApi(client);
    appends = new AppendsApi(client);
    history = new HistoryApi(client);
  }

  @Test
  void aRunIsRecordedListedAndComparedThroughTheGeneratedClient() throws Exception {
    String workflow = unique("generated");
    WorkflowExecution first =
        executions.createExecution(
            new WorkflowExecution()
                .id(unique("generated-run"))
                .workflowName(workflow)
                .workflowSnapshot(Map.of("name", workflow, "retries", 1))
                .labels(Map.of("env", "prod"))
                .status(WorkflowStatus.RUNNING));
    String id = first.getId();
    assertThat(first.getVersion()).isEqualTo(1L);
    assertThat(first.getSnapshotHash()).hasSize(64);

    TaskExecution task =
        appends.putTask(id, "extract", new TaskExecution().status(WorkflowStatus.RUNNING));
    assertThat(task.getTaskId()).isEqualTo("extract");
    assertThat(task.getAttempt()).isEqualTo(1);

    LogAppendResult logged =
        appends.appendLogLines(
            id, "extract", new LogLines().lines(List.of("connected", "read 42")));
    assertThat(logged.getAppended()).isEqualTo(2);

    WorkflowExecution done =
        executions.changeExecutionStatus(
            id,
            new StatusChange().status(WorkflowStatus.COMPLETE),
            "\"" + first.getVersion() + "\"");
    assertThat(done.getStatus()).isEqualTo(WorkflowStatus.COMPLETE);
    assertThat(done.getSuccess()).isTrue();
    assertThat(done.getCompletedAt()).isNotNull();

    WorkflowExecution read = executions.getExecution(id);
    assertThat(read.getTasks()).extracting(TaskExecution::getTaskId).containsExactly("extract");
    assertThat(read.getPerTaskLogs()).containsEntry("extract", List.of("connected", "read 42"));

    String second =
        executions
            .putExecution(
                unique("generated-run"),
                new WorkflowExecution()
                    .workflowName(workflow)
                    .workflowSnapshot(Map.of("name", workflow, "retries", 3)),
                null,
                null)
            .getId();
    executions.createExecution(
        new WorkflowExecution()
            .workflowName(workflow)
            .workflowSnapshot(Map.of("name", workflow, "retries", 3)));

    List<String> listed = new ArrayList<>();
    ExecutionPage page =
        executions.listExecutions(
            workflow, null, null, null, null, null, null, null, null, null, 2, null);
    assertThat(page.getItems()).hasSize(2);
    assertThat(page.getNextCursor()).isNotNull();
    page.getItems().forEach(summary -> listed.add(summary.getId()));
    page =
        executions.listExecutions(
            workflow,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            2,
            page.getNextCursor());
    assertThat(page.getItems()).hasSize(1);
    assertThat(page.getNextCursor()).isNull();
    page.getItems().forEach(summary -> listed.add(summary.getId()));
    assertThat(listed).hasSize(3).doesNotHaveDuplicates().contains(id, second);
    assertThat(page.getItems())
        .extracting(ExecutionSummary::getWorkflowName)
        .containsOnly(workflow);
    ExecutionPage labelled =
        executions.listExecutions(
            workflow,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("env:prod"),
            null,
            null,
            50,
            null);
    assertThat(labelled.getItems()).extracting(ExecutionSummary::getId).containsExactly(id);
    assertThat(labelled.getItems().get(0).getLabels()).containsExactly(Map.entry("env", "prod"));

    List<JsonPatchOperation> diff = history.diffExecutionSnapshots(second, id);
    assertThat(diff).hasSize(1);
    assertThat(diff.get(0).getOp()).isEqualTo(JsonPatchOperation.OpEnum.REPLACE);
    assertThat(diff.get(0).getPath()).isEqualTo("/retries");
    assertThat(diff.get(0).getValue()).isEqualTo(3);
  }
}
