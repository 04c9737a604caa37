package org.workflowengine.persistence.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JobRepositoryFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.workflowengine.persistence.json.CanonicalJson;
import org.workflowengine.persistence.model.TaskExecution;
import org.workflowengine.persistence.model.WorkflowExecution;

/**
 * The peer: how users of Java batch tooling record runs today, with Spring Batch's JDBC {@link
 * JobRepository} (its defaults, its own PostgreSQL schema {@value #SCHEMA} in the benchmark's
 * database, one pooled connection). A run of the workload is recorded as one job execution whose
 * execution context holds the workflow definition, with one step execution per task record. Spring
 * Batch has no audit trail or task logs, so those are not written on its side.
 */
final class SpringBatchPeer implements AutoCloseable {

  static final String SCHEMA = "spring_batch_bench";

  private final SingleConnectionDataSource dataSource;
  private final JobRepository repository;

  /**
   * A repository on a fresh {@value #SCHEMA} schema of the database at {@code url} (a {@code
   * jdbc:postgresql:} URL, its own {@code currentSchema} replaced).
   */
  SpringBatchPeer(String url, String user) throws Exception {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(url.replaceAll("currentSchema=[^&]*", "currentSchema=" + SCHEMA));
    postgres.setUser(user);
    try (Connection connection = postgres.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
      ScriptUtils.executeSqlScript(
          connection,
          new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
    }
    dataSource = new SingleConnectionDataSource(postgres.getConnection(), true);
    dataSource.setAutoCommit(true);
    JobRepositoryFactoryBean factory = new JobRepositoryFactoryBean();
    factory.setDataSource(dataSource);
    factory.setTransactionManager(new JdbcTransactionManager(dataSource));
    factory.setDatabaseType("POSTGRES");
    factory.afterPropertiesSet();
    repository = factory.getObject();
  }

  /** Records {@code execution} as Spring Batch records a run: job, context, steps. */
  void record(WorkflowExecution execution) throws Exception {
    JobExecution job =
        repository.createJobExecution(
            execution.getWorkflowName(),
            new JobParametersBuilder().addString("run", execution.getId()).toJobParameters());
    job.getExecutionContext()
        .putString("definition", CanonicalJson.of(execution.getWorkflowSnapshot()));
    repository.updateExecutionContext(job);
    LocalDateTime now = LocalDateTime.now();
    List<StepExecution> steps = new ArrayList<>();
    for (TaskExecution task : execution.getTasks()) {
      StepExecution step = job.createStepExecution(task.getTaskId());
      step.setStatus(BatchStatus.COMPLETED);
      step.setStartTime(now);
      step.setEndTime(now);
      step.getExecutionContext().putString("output", String.valueOf(task.getOutput()));
      steps.add(step);
    }
    repository.addAll(steps);
    job.setStatus(BatchStatus.STARTED);
    job.setStartTime(now);
    repository.update(job);
  }

  /** How many job executions its tables hold. */
  long jobExecutions() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public void close() {
    dataSource.destroy();
  }
}
